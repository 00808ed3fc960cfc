using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vec = System.Runtime.Intrinsics.Vector256;
using VecF = System.Runtime.Intrinsics.Vector256<float>;
using VecI = System.Runtime.Intrinsics.Vector256<int>;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="ScalarKernel"/>'s semantics with 8-float vectors and FMA: the M+1 dot products four rows at a time with FMA,
/// the sigmoid step by gathers (<see cref="SigmoidGather"/>), then one fused pass over the dimensions that updates
/// the output rows and the input row chunk by chunk. The update pass uses separate multiplies and adds in the
/// scalar kernel's order, so given the same gradients every element ends bit-identical to the scalar kernel's.
/// Tails use masked loads and stores, so no row is read or written past <see cref="KernelContext.Dim"/>.
/// </summary>
/// <remarks><see cref="Avx512Kernel"/> is the same file with 16-float vectors; keep the two in step.</remarks>
[SkipLocalsInit]
internal sealed unsafe partial class Avx2Kernel : ISgnsKernel
{
    public string Name => "avx2";

    public bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    public float TrainPairs(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        int rows = negatives + 1;
        if (targets.Length < (long)inputs.Length * rows)
        {
            throw new ArgumentException($"Expected {(long)inputs.Length * rows} targets for {inputs.Length} pairs.", nameof(targets));
        }

        // Scratch: M+1 dots, M+1 gradients, then the M+1 output row pointers, each part padded to 16 floats (as sized by KernelContext.ScratchFloats).
        int padded = KernelContext.RoundUp(rows, 16);
        float* dots = context.Scratch;
        float* gradients = dots + padded;
        float** outputs = (float**)(gradients + padded);
        float loss = 0;
        fixed (int* targetIds = targets)
        {
            for (int p = 0; p < inputs.Length; p++)
            {
                int* ids = targetIds + (long)p * rows;
                if (p + 1 < inputs.Length)
                {
                    RowPrefetch.Pair(context, inputs[p + 1], ids + rows, rows);
                }

                for (int k = 0; k < rows; k++)
                {
                    outputs[k] = context.Output + ids[k] * context.Stride;
                }

                float* input = context.Input + inputs[p] * context.Stride;
                Dots(input, outputs, dots, rows, context.Dim);
                loss += SigmoidGather.Gradients(context, dots, gradients, rows, alpha);
                Update(input, outputs, gradients, rows, context.Dim);
            }
        }

        return loss;
    }

    /// <summary>dots[k] = input · outputs[k] for every k, four rows per sweep so each input chunk is loaded once per four.</summary>
    private static void Dots(float* input, float** outputs, float* dots, int rows, int dim)
    {
        int k = 0;
        for (; k <= rows - 4; k += 4)
        {
            float* o0 = outputs[k], o1 = outputs[k + 1], o2 = outputs[k + 2], o3 = outputs[k + 3];
            VecF a0 = VecF.Zero, a1 = VecF.Zero, a2 = VecF.Zero, a3 = VecF.Zero;
            int j = 0;
            for (; j <= dim - VecF.Count; j += VecF.Count)
            {
                VecF x = Vec.Load(input + j);
                a0 = Vec.FusedMultiplyAdd(x, Vec.Load(o0 + j), a0);
                a1 = Vec.FusedMultiplyAdd(x, Vec.Load(o1 + j), a1);
                a2 = Vec.FusedMultiplyAdd(x, Vec.Load(o2 + j), a2);
                a3 = Vec.FusedMultiplyAdd(x, Vec.Load(o3 + j), a3);
            }

            if (j < dim)
            {
                VecF mask = TailMask(dim - j);
                VecF x = LoadTail(input + j, mask);
                a0 = Vec.FusedMultiplyAdd(x, LoadTail(o0 + j, mask), a0);
                a1 = Vec.FusedMultiplyAdd(x, LoadTail(o1 + j, mask), a1);
                a2 = Vec.FusedMultiplyAdd(x, LoadTail(o2 + j, mask), a2);
                a3 = Vec.FusedMultiplyAdd(x, LoadTail(o3 + j, mask), a3);
            }

            dots[k] = Vec.Sum(a0);
            dots[k + 1] = Vec.Sum(a1);
            dots[k + 2] = Vec.Sum(a2);
            dots[k + 3] = Vec.Sum(a3);
        }

        for (; k < rows; k++)
        {
            // Two accumulators halve the FMA latency chain of a lone row.
            float* o = outputs[k];
            VecF a0 = VecF.Zero, a1 = VecF.Zero;
            int j = 0;
            for (; j <= dim - 2 * VecF.Count; j += 2 * VecF.Count)
            {
                a0 = Vec.FusedMultiplyAdd(Vec.Load(input + j), Vec.Load(o + j), a0);
                a1 = Vec.FusedMultiplyAdd(Vec.Load(input + j + VecF.Count), Vec.Load(o + j + VecF.Count), a1);
            }

            for (; j < dim; j += VecF.Count)
            {
                VecF mask = TailMask(dim - j);
                a0 = Vec.FusedMultiplyAdd(LoadTail(input + j, mask), LoadTail(o + j, mask), a0);
            }

            dots[k] = Vec.Sum(a0 + a1);
        }
    }

    /// <summary>
    /// Per chunk of the dimensions, in the scalar kernel's order: e += g_k·out_k; out_k += g_k·in for k = 0..M,
    /// then in += e. A duplicate target reloads what the previous k stored, exactly as the scalar loop does.
    /// </summary>
    private static void Update(float* input, float** outputs, float* gradients, int rows, int dim)
    {
        int j = 0;
        for (; j <= dim - VecF.Count; j += VecF.Count)
        {
            VecF x = Vec.Load(input + j);
            VecF error = VecF.Zero;
            for (int k = 0; k < rows; k++)
            {
                float* o = outputs[k] + j;
                VecF g = Vec.Create(gradients[k]);
                VecF value = Vec.Load(o);
                error += g * value;
                Vec.Store(value + g * x, o);
            }

            Vec.Store(x + error, input + j);
        }

        if (j < dim)
        {
            VecF mask = TailMask(dim - j);
            VecF x = LoadTail(input + j, mask);
            VecF error = VecF.Zero;
            for (int k = 0; k < rows; k++)
            {
                float* o = outputs[k] + j;
                VecF g = Vec.Create(gradients[k]);
                VecF value = LoadTail(o, mask);
                error += g * value;
                StoreTail(o, mask, value + g * x);
            }

            StoreTail(input + j, mask, x + error);
        }
    }

    /// <summary>All bits set in the first <paramref name="count"/> lanes (all of them when count ≥ the width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecF TailMask(int count) => Vec.LessThan(VecI.Indices, Vec.Create(count)).AsSingle();

    // Masked-off lanes are neither read nor written, and cannot fault.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecF LoadTail(float* source, VecF mask) => Avx.MaskLoad(source, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTail(float* destination, VecF mask, VecF value) => Avx.MaskStore(destination, mask, value);
}

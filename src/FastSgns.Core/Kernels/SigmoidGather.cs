using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// The sigmoid step shared by the SIMD kernels: from the M+1 dot products of a pair to the M+1 gradients
/// g_k = (label_k − σ(f_k))·alpha and the pair's loss, eight lanes at a time with AVX2 gathers from the tables.
/// </summary>
/// <remarks>
/// The AVX-512 kernel uses this 256-bit step too: .NET 10 exposes no AVX-512 gather (there is no
/// <c>Avx512F.GatherVector512</c>), and with the usual M = 5 all M+1 rows fit one 8-lane gather anyway.
/// </remarks>
internal static unsafe class SigmoidGather
{
    public const int Width = 8;

    /// <summary>
    /// Writes <paramref name="rows"/> gradients for the dots at <paramref name="dots"/> (row 0 is the positive) and
    /// returns the summed loss, including 0·f per row so that a NaN or infinite dot poisons it. Reads no dot past
    /// <paramref name="rows"/>; writes gradients up to the next multiple of <see cref="Width"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gradients(in KernelContext c, float* dots, float* gradients, int rows, float alpha)
    {
        Vector256<float> maxExp = Vector256.Create(c.MaxExp);
        Vector256<float> scale = Vector256.Create(c.TableScale);
        Vector256<float> size = Vector256.Create((float)c.TableSize);
        Vector256<float> alphas = Vector256.Create(alpha);
        Vector256<int> lanes = Vector256<int>.Indices;

        // Group 0 holds the positive: label 1 in lane 0, and its loss comes from the other table (added below).
        Vector256<float> labels = Vector256.CreateScalar(1f);
        Vector256<float> counted = Vector256.GreaterThan(lanes, Vector256<int>.Zero).AsSingle();
        float loss = 0;
        for (int k = 0; k < rows; k += Width)
        {
            Vector256<float> valid = Vector256.LessThan(lanes, Vector256.Create(rows - k)).AsSingle();
            Vector256<float> f = Avx.MaskLoad(dots + k, valid);
            Vector256<int> entries = EntryOf(f, maxExp, scale, size);
            Vector256<float> sigma = Avx2.GatherVector256(c.Sigmoid, entries, sizeof(float));
            Vector256<float> negativeLoss = Avx2.GatherVector256(c.NegativeLoss, entries, sizeof(float));
            Vector256.Store((labels - sigma) * alphas, gradients + k);
            if (k == 0)
            {
                loss = c.PositiveLoss[entries.ToScalar()] + 0f * f.ToScalar();
            }

            loss += Vector256.Sum((negativeLoss + Vector256<float>.Zero * f) & valid & counted);
            labels = Vector256<float>.Zero;
            counted = Vector256<int>.AllBitsSet.AsSingle();
        }

        return loss;
    }

    /// <summary>
    /// <see cref="SigmoidTable.EntryOf"/> for eight values, bit for bit: floor((x + maxExp)·scale) clamped to
    /// [−1, size], plus one. Clamping happens before the conversion so that large and infinite x convert exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> EntryOf(Vector256<float> x, Vector256<float> maxExp, Vector256<float> scale, Vector256<float> size)
    {
        Vector256<float> bucket = Vector256.Floor((x + maxExp) * scale);

        // maxps/minps return their second operand when either is NaN, so NaN survives the clamp ...
        bucket = Avx.Min(size, Avx.Max(Vector256.Create(-1f), bucket));

        // ... and becomes bucket 0 here, as the scalar (int) cast saturates NaN to 0.
        bucket &= Avx.CompareOrdered(bucket, bucket);
        return Avx.ConvertToVector256Int32WithTruncation(bucket) + Vector256<int>.One;
    }
}

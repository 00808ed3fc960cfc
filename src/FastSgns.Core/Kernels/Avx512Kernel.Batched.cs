using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Vec = System.Runtime.Intrinsics.Vector512;
using VecF = System.Runtime.Intrinsics.Vector512<float>;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="IBatchedSgnsKernel"/> with 16-float vectors, register-blocked: the B×(M+1) dots in tiles of two contexts
/// × four targets (eight accumulators, so each loaded chunk feeds several FMAs), then one pass over the dimensions
/// that, per chunk, keeps four targets' chunks and their four ΔO accumulators in registers while it streams the
/// contexts, building ΔC and ΔO together. The last one or two targets get two-wide tiles (so M+1 = 6 is 4 + 2 with
/// no wasted slot); short tiles repeat the last row (with gradient 0 in the update), so the
/// update is bit-identical to <see cref="ScalarKernel"/>'s given the same gradients. The next batch's rows are
/// prefetched while this one trains.
/// </summary>
/// <remarks><see cref="Avx2Kernel"/>'s Batched file is the same with 8-float vectors; keep the two in step.</remarks>
internal sealed unsafe partial class Avx512Kernel : IBatchedSgnsKernel
{
    public float TrainBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        BatchedArguments.Validate(contexts, offsets, targets, negatives);
        int rows = negatives + 1;
        int batches = offsets.Length - 1;
        float loss = 0;
        fixed (int* contextIds = contexts)
        fixed (int* targetIds = targets)
        fixed (int* offsetIds = offsets)
        {
            for (int b = 0; b < batches; b++)
            {
                if (b + 1 < batches)
                {
                    PrefetchBatch(context, contextIds + offsetIds[b + 1], offsetIds[b + 2] - offsetIds[b + 1], targetIds + (long)(b + 1) * rows, rows);
                }

                int count = offsetIds[b + 1] - offsetIds[b];
                if (count > 0)
                {
                    loss += TrainBatch(context, contextIds + offsetIds[b], count, targetIds + (long)b * rows, rows, alpha);
                }
            }
        }

        return loss;
    }

    private static float TrainBatch(in KernelContext c, int* contextIds, int count, int* targetIds, int rows, float alpha)
    {
        // Scratch: dots then gradients in place [count × round16(rows)], row pointers, ΔC chunks [count], ΔO chunks [round4(rows)].
        int gradientStride = KernelContext.RoundUp(rows, 16);
        float* gradients = c.Scratch;
        float** inputs = (float**)(gradients + count * gradientStride);
        float** outputs = inputs + count;
        float* deltaInput = gradients + count * gradientStride + KernelContext.RoundUp(2 * (count + rows), 16);
        float* deltaOutput = deltaInput + count * VecF.Count;
        for (int i = 0; i < count; i++)
        {
            inputs[i] = c.Input + contextIds[i] * c.Stride;
        }

        for (int k = 0; k < rows; k++)
        {
            outputs[k] = c.Output + targetIds[k] * c.Stride;
        }

        BatchDots(inputs, outputs, gradients, gradientStride, count, rows, c.Dim);
        float loss = 0;
        int padded = KernelContext.RoundUp(rows, 4);
        for (int i = 0; i < count; i++)
        {
            float* row = gradients + i * gradientStride;
            loss += SigmoidGather.Gradients(c, row, row, rows, alpha);
            for (int k = rows; k < padded; k++)
            {
                row[k] = 0;
            }
        }

        int j = 0;
        for (; j <= c.Dim - VecF.Count; j += VecF.Count)
        {
            UpdateChunk(inputs, outputs, gradients, gradientStride, count, rows, j, VecF.AllBitsSet, masked: false, deltaInput, deltaOutput);
        }

        if (j < c.Dim)
        {
            UpdateChunk(inputs, outputs, gradients, gradientStride, count, rows, j, TailMask(c.Dim - j), masked: true, deltaInput, deltaOutput);
        }

        return loss;
    }

    /// <summary>dots[i·stride + k] = inputs[i] · outputs[k], in tiles of 2 contexts × 4 targets.</summary>
    private static void BatchDots(float** inputs, float** outputs, float* dots, int stride, int count, int rows, int dim)
    {
        int lastRow = rows - 1;
        int lastContext = count - 1;
        int k = 0;
        for (; k < rows - 2; k += 4)
        {
            float* o0 = outputs[k], o1 = outputs[Math.Min(k + 1, lastRow)], o2 = outputs[Math.Min(k + 2, lastRow)], o3 = outputs[Math.Min(k + 3, lastRow)];
            for (int i = 0; i < count; i += 2)
            {
                float* x0 = inputs[i], x1 = inputs[Math.Min(i + 1, lastContext)];
                VecF a0 = VecF.Zero, a1 = VecF.Zero, a2 = VecF.Zero, a3 = VecF.Zero;
                VecF b0 = VecF.Zero, b1 = VecF.Zero, b2 = VecF.Zero, b3 = VecF.Zero;
                int j = 0;
                for (; j <= dim - VecF.Count; j += VecF.Count)
                {
                    VecF x = Vec.Load(x0 + j), y = Vec.Load(x1 + j);
                    VecF p = Vec.Load(o0 + j);
                    a0 = Vec.FusedMultiplyAdd(x, p, a0);
                    b0 = Vec.FusedMultiplyAdd(y, p, b0);
                    p = Vec.Load(o1 + j);
                    a1 = Vec.FusedMultiplyAdd(x, p, a1);
                    b1 = Vec.FusedMultiplyAdd(y, p, b1);
                    p = Vec.Load(o2 + j);
                    a2 = Vec.FusedMultiplyAdd(x, p, a2);
                    b2 = Vec.FusedMultiplyAdd(y, p, b2);
                    p = Vec.Load(o3 + j);
                    a3 = Vec.FusedMultiplyAdd(x, p, a3);
                    b3 = Vec.FusedMultiplyAdd(y, p, b3);
                }

                if (j < dim)
                {
                    VecF mask = TailMask(dim - j);
                    VecF x = LoadTail(x0 + j, mask), y = LoadTail(x1 + j, mask);
                    VecF p = LoadTail(o0 + j, mask);
                    a0 = Vec.FusedMultiplyAdd(x, p, a0);
                    b0 = Vec.FusedMultiplyAdd(y, p, b0);
                    p = LoadTail(o1 + j, mask);
                    a1 = Vec.FusedMultiplyAdd(x, p, a1);
                    b1 = Vec.FusedMultiplyAdd(y, p, b1);
                    p = LoadTail(o2 + j, mask);
                    a2 = Vec.FusedMultiplyAdd(x, p, a2);
                    b2 = Vec.FusedMultiplyAdd(y, p, b2);
                    p = LoadTail(o3 + j, mask);
                    a3 = Vec.FusedMultiplyAdd(x, p, a3);
                    b3 = Vec.FusedMultiplyAdd(y, p, b3);
                }

                // Slots past rows fall in the row's padding (stride ≥ round4(rows)); a repeated last context is dropped.
                float* d = dots + i * stride + k;
                d[0] = Vec.Sum(a0);
                d[1] = Vec.Sum(a1);
                d[2] = Vec.Sum(a2);
                d[3] = Vec.Sum(a3);
                if (i + 1 < count)
                {
                    d += stride;
                    d[0] = Vec.Sum(b0);
                    d[1] = Vec.Sum(b1);
                    d[2] = Vec.Sum(b2);
                    d[3] = Vec.Sum(b3);
                }
            }
        }

        if (k < rows)
        {
            BatchDots2(inputs, outputs[k], outputs[lastRow], dots + k, stride, count, dim);
        }
    }

    /// <summary>The last one or two targets (o1 repeats o0 for one): tiles of 2 contexts × 2 targets, no wasted slots for M+1 = 6.</summary>
    private static void BatchDots2(float** inputs, float* o0, float* o1, float* dots, int stride, int count, int dim)
    {
        int lastContext = count - 1;
        for (int i = 0; i < count; i += 2)
        {
            float* x0 = inputs[i], x1 = inputs[Math.Min(i + 1, lastContext)];
            VecF a0 = VecF.Zero, a1 = VecF.Zero, b0 = VecF.Zero, b1 = VecF.Zero;
            int j = 0;
            for (; j <= dim - VecF.Count; j += VecF.Count)
            {
                VecF x = Vec.Load(x0 + j), y = Vec.Load(x1 + j);
                VecF p = Vec.Load(o0 + j), q = Vec.Load(o1 + j);
                a0 = Vec.FusedMultiplyAdd(x, p, a0);
                b0 = Vec.FusedMultiplyAdd(y, p, b0);
                a1 = Vec.FusedMultiplyAdd(x, q, a1);
                b1 = Vec.FusedMultiplyAdd(y, q, b1);
            }

            if (j < dim)
            {
                VecF mask = TailMask(dim - j);
                VecF x = LoadTail(x0 + j, mask), y = LoadTail(x1 + j, mask);
                VecF p = LoadTail(o0 + j, mask), q = LoadTail(o1 + j, mask);
                a0 = Vec.FusedMultiplyAdd(x, p, a0);
                b0 = Vec.FusedMultiplyAdd(y, p, b0);
                a1 = Vec.FusedMultiplyAdd(x, q, a1);
                b1 = Vec.FusedMultiplyAdd(y, q, b1);
            }

            float* d = dots + i * stride;
            d[0] = Vec.Sum(a0);
            d[1] = Vec.Sum(a1);
            if (i + 1 < count)
            {
                d[stride] = Vec.Sum(b0);
                d[stride + 1] = Vec.Sum(b1);
            }
        }
    }

    /// <summary>
    /// One chunk of the dimensions: per tile of four targets, their pre-batch chunks stay in registers while every
    /// context chunk streams by, adding G·O to its ΔC (kept in scratch across tiles) and G·C to the tile's four ΔO
    /// accumulators; then all ΔO and ΔC are added, each row reloaded, so repeated rows get every delta.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateChunk(float** inputs, float** outputs, float* gradients, int stride, int count, int rows, int j,
        VecF mask, bool masked, float* deltaInput, float* deltaOutput)
    {
        int lastRow = rows - 1;
        int k = 0;
        for (; k < rows - 2; k += 4)
        {
            VecF p0 = Load(outputs[k] + j, mask, masked);
            VecF p1 = Load(outputs[Math.Min(k + 1, lastRow)] + j, mask, masked);
            VecF p2 = Load(outputs[Math.Min(k + 2, lastRow)] + j, mask, masked);
            VecF p3 = Load(outputs[Math.Min(k + 3, lastRow)] + j, mask, masked);
            VecF d0 = VecF.Zero, d1 = VecF.Zero, d2 = VecF.Zero, d3 = VecF.Zero;
            for (int i = 0; i < count; i++)
            {
                float* g = gradients + i * stride + k;
                VecF g0 = Vec.Create(g[0]), g1 = Vec.Create(g[1]), g2 = Vec.Create(g[2]), g3 = Vec.Create(g[3]);
                VecF x = Load(inputs[i] + j, mask, masked);
                float* e = deltaInput + i * VecF.Count;
                VecF error = k == 0 ? VecF.Zero : Vec.Load(e);
                error = Vec.FusedMultiplyAdd(g0, p0, error);
                error = Vec.FusedMultiplyAdd(g1, p1, error);
                error = Vec.FusedMultiplyAdd(g2, p2, error);
                error = Vec.FusedMultiplyAdd(g3, p3, error);
                Vec.Store(error, e);
                d0 = Vec.FusedMultiplyAdd(g0, x, d0);
                d1 = Vec.FusedMultiplyAdd(g1, x, d1);
                d2 = Vec.FusedMultiplyAdd(g2, x, d2);
                d3 = Vec.FusedMultiplyAdd(g3, x, d3);
            }

            float* o = deltaOutput + k * VecF.Count;
            Vec.Store(d0, o);
            Vec.Store(d1, o + VecF.Count);
            Vec.Store(d2, o + 2 * VecF.Count);
            Vec.Store(d3, o + 3 * VecF.Count);
        }

        if (k < rows)
        {
            // The last one or two targets; a lone one is paired with itself under gradient 0.
            VecF p0 = Load(outputs[k] + j, mask, masked);
            VecF p1 = Load(outputs[Math.Min(k + 1, lastRow)] + j, mask, masked);
            VecF d0 = VecF.Zero, d1 = VecF.Zero;
            for (int i = 0; i < count; i++)
            {
                float* g = gradients + i * stride + k;
                VecF g0 = Vec.Create(g[0]), g1 = Vec.Create(g[1]);
                VecF x = Load(inputs[i] + j, mask, masked);
                float* e = deltaInput + i * VecF.Count;
                VecF error = k == 0 ? VecF.Zero : Vec.Load(e);
                error = Vec.FusedMultiplyAdd(g0, p0, error);
                error = Vec.FusedMultiplyAdd(g1, p1, error);
                Vec.Store(error, e);
                d0 = Vec.FusedMultiplyAdd(g0, x, d0);
                d1 = Vec.FusedMultiplyAdd(g1, x, d1);
            }

            float* o = deltaOutput + k * VecF.Count;
            Vec.Store(d0, o);
            Vec.Store(d1, o + VecF.Count);
        }

        for (int i = 0; i < count; i++)
        {
            float* x = inputs[i] + j;
            Store(x, Load(x, mask, masked) + Vec.Load(deltaInput + i * VecF.Count), mask, masked);
        }

        for (int t = 0; t < rows; t++)
        {
            float* o = outputs[t] + j;
            Store(o, Load(o, mask, masked) + Vec.Load(deltaOutput + t * VecF.Count), mask, masked);
        }
    }

    /// <summary>Starts loading the next batch's rows (the first 512 floats of each) while this batch computes.</summary>
    private static void PrefetchBatch(in KernelContext c, int* contextIds, int count, int* targetIds, int rows)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        int lines = Math.Min(c.Dim, 512);
        for (int i = 0; i < count; i++)
        {
            byte* row = (byte*)(c.Input + contextIds[i] * c.Stride);
            for (int f = 0; f < lines; f += 16)
            {
                Sse.Prefetch0(row + f * sizeof(float));
            }
        }

        for (int k = 0; k < rows; k++)
        {
            byte* row = (byte*)(c.Output + targetIds[k] * c.Stride);
            for (int f = 0; f < lines; f += 16)
            {
                Sse.Prefetch0(row + f * sizeof(float));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecF Load(float* source, VecF mask, bool masked) => masked ? LoadTail(source, mask) : Vec.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* destination, VecF value, VecF mask, bool masked)
    {
        if (masked)
        {
            StoreTail(destination, mask, value);
        }
        else
        {
            Vec.Store(value, destination);
        }
    }
}

using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>The two ways <see cref="TrainBatches"/> stores output rows (<see cref="IOutputRows{TVec}"/>).</summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>Float rows, read and written in place: what the batch did before bf16 storage existed.</summary>
    private readonly struct Fp32Rows : IOutputRows<TVec>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prefetch(in KernelContext context, int* contextIds, int count, int* targetIds, int rows) =>
            RowPrefetch.Batch(context, contextIds, count, targetIds, rows);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prepare(in KernelContext context, int* targetIds, int rows, float** outputs, float* snapshot, int snapshotStride)
        {
            for (int k = 0; k < rows; k++)
            {
                outputs[k] = context.Output + targetIds[k] * context.Stride;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddDeltas(in KernelContext context, float** outputs, int* targetIds, int rows, float* deltas, int j, TVec mask, int tail, bool masked) =>
            VectorKernel<TOps, TVec>.AddDeltas(outputs, rows, deltas, j, mask, tail, masked);
    }

    /// <summary>
    /// bf16 rows (<see cref="KernelContext.OutputBf16"/>): widened once per batch into the scratch's snapshot, which the
    /// dots and ΔC read, and stored back chunk by chunk by stochastic rounding (<see cref="Bf16"/>), each chunk's
    /// draws from the lanes of its columns. A row's last partial chunk is done element by element with the scalar
    /// members, which give the same bits as the vector ones; nothing past <see cref="KernelContext.Dim"/> is touched.
    /// </summary>
    private readonly struct Bf16Rows : IOutputRows<TVec>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prefetch(in KernelContext context, int* contextIds, int count, int* targetIds, int rows) =>
            RowPrefetch.Bf16Batch(context, contextIds, count, targetIds, rows);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prepare(in KernelContext context, int* targetIds, int rows, float** outputs, float* snapshot, int snapshotStride)
        {
            int dim = context.Dim;
            for (int k = 0; k < rows; k++)
            {
                ushort* row = context.OutputBf16 + targetIds[k] * context.Stride;
                float* widened = snapshot + k * snapshotStride;
                int j = 0;
                for (; j <= dim - TOps.Count; j += TOps.Count)
                {
                    TOps.Store(TOps.WidenBf16(row + j), widened + j);
                }

                for (; j < dim; j++)
                {
                    widened[j] = Bf16.Widen(row[j]);
                }

                outputs[k] = widened;
            }
        }

        /// <summary>
        /// Row r's draws are the lanes' (r+1)-th next states, each reached from the chunk's starting states in one
        /// jump (multiplier a^(r+1), the matching increment, kept as scalars), so no row waits on the one before:
        /// stepped row by row, the 10-cycle multiply of every stored chunk was one long dependency chain.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddDeltas(in KernelContext context, float** outputs, int* targetIds, int rows, float* deltas, int j, TVec mask, int tail, bool masked)
        {
            uint* lanes = BatchScratch.Lanes(context) + (j & (Bf16.Lanes - 1));
            if (masked)
            {
                for (int r = 0; r < rows; r++)
                {
                    ushort* row = context.OutputBf16 + targetIds[r] * context.Stride + j;
                    float* delta = deltas + r * TOps.Count;
                    for (int i = 0; i < tail; i++)
                    {
                        row[i] = Bf16.Round(Bf16.Widen(row[i]) + delta[i], Bf16.Next(ref lanes[i]));
                    }
                }

                return;
            }

            TVec start = TOps.Load((float*)lanes), state = start;
            uint multiplier = 1, increment = 0;
            for (int r = 0; r < rows; r++)
            {
                (multiplier, increment) = (unchecked(multiplier * Bf16.Multiplier), unchecked(increment * Bf16.Multiplier + Bf16.Increment));
                state = TOps.StepLanes(start, multiplier, increment);
                ushort* row = context.OutputBf16 + targetIds[r] * context.Stride + j;
                TOps.StoreBf16(row, TOps.Add(TOps.WidenBf16(row), TOps.Load(deltas + r * TOps.Count)), state);
            }

            TOps.Store(state, (float*)lanes);
        }
    }
}

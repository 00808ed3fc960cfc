using System.Runtime.CompilerServices;
using FastSgns.Interop;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="IHiddenBatchKernel.TrainHiddenBatches"/>: per group, the hidden vectors, then every example's dots
/// against its path from the tree rows as they were before the group, corrected for the earlier examples' updates by
/// the hidden vectors' dots with each other (two paths share their nodes from the root down to where they part, so
/// example a's update of a node b also crosses adds g_a·(h_a·h_b) to b's dot there), the sigmoid steps in order, and
/// the updates example by example in word2vec.c's order. Given the same dots every element ends bit-identical to the scalar kernel's; the dots differ from
/// its by rounding only.
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec> : IHiddenBatchKernel
{
    public float TrainHiddenBatches(in KernelContext context, in HiddenBatch batch, float alpha)
    {
        var groups = new HiddenGroups(context, HiddenBatchArguments.Validate(context, batch), alpha);
        return PinnedHiddenBatch.Pin(context, batch, ref groups);
    }

    private readonly struct HiddenGroups(KernelContext context, int rows, float alpha) : IPinnedHiddenBody
    {
        // Compiled fully optimized at its first call, for the reason VectorKernel.TrainPairs gives, and never inlined:
        // its loop is small until TrainGroup is inlined into it, so without NoInlining the JIT folded it into the
        // worker's loop, whose on-stack-replacement copy ran the whole kernel at half speed (perf, wiki10m).
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public float Run(in NativeHiddenBatch batch)
        {
            var scratch = new HiddenBatchScratch(context, rows);
            int group = HiddenBatchScratch.Group;
            int examples = (int)batch.ExampleCount;
            float loss = 0;
            for (int first = 0; first < examples; first += group)
            {
                loss += TrainGroup(context, scratch, batch, first, Math.Min(group, examples - first), alpha);
            }

            return loss;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TrainGroup(in KernelContext c, in HiddenBatchScratch s, in NativeHiddenBatch batch, int first, int count, float alpha)
    {
        int dim = c.Dim;
        int* inputIds = batch.Inputs, inputOffsets = batch.InputOffsets, nodeIds = batch.Nodes, nodeOffsets = batch.NodeOffsets;
        float** rows = s.Rows;
        for (int b = 0; b < count; b++)
        {
            int e = first + b;
            Hidden(c, inputIds + inputOffsets[e], inputOffsets[e + 1] - inputOffsets[e], batch.Mean != 0, s.Hidden + b * s.DimStride, s.Gradient + b * s.DimStride);
        }

        for (int b = 0; b < count; b++)
        {
            int* path = nodeIds + nodeOffsets[first + b];
            int length = nodeOffsets[first + b + 1] - nodeOffsets[first + b];
            float* hidden = s.Hidden + b * s.DimStride;
            for (int d = 0; d < length; d++)
            {
                rows[d] = c.Tree + path[d] * c.Stride;
            }

            HiddenDots(hidden, rows, s.Dots + b * s.DotStride, length, dim);
            for (int a = 0; a < b; a++)
            {
                rows[a] = s.Hidden + a * s.DimStride;
            }

            HiddenDots(hidden, rows, s.Gram + b * 16, b, dim);
        }

        PrefetchNextGroup(c, batch, first + count);
        float loss = 0;
        for (int b = 0; b < count; b++)
        {
            int e = first + b;
            int* path = nodeIds + nodeOffsets[e];
            int length = nodeOffsets[e + 1] - nodeOffsets[e];
            float* dots = s.Dots + b * s.DotStride;
            for (int a = 0; a < b; a++)
            {
                int* earlier = nodeIds + nodeOffsets[first + a];
                int shared = SharedPrefix(earlier, nodeOffsets[first + a + 1] - nodeOffsets[first + a], path, length);
                TVec weight = TOps.Create(s.Gram[b * 16 + a]);
                float* gradients = s.Dots + a * s.DotStride;
                for (int k = 0; k < shared; k += TOps.Count)
                {
                    TVec mask = TOps.TailMask(shared - k);
                    TOps.Store(TOps.FusedMultiplyAdd(weight, TOps.And(TOps.Load(gradients + k), mask), TOps.Load(dots + k)), dots + k);
                }
            }

            loss += TOps.LabelGradients(c, dots, batch.NodeLabels + nodeOffsets[e], dots, length, alpha, skipSaturated: true);
        }

        // Example by example, each path's rows in one pass over the dims (HiddenUpdate, as TrainHidden): the group's
        // writes of the rows its paths share follow each other within a few hundred cycles, so another thread takes
        // such a row from this core at most once per group. A pass per chunk over all the paths instead reloaded
        // every row seven times, from farther than L1 (perf, wiki10m).
        for (int b = 0; b < count; b++)
        {
            int* path = nodeIds + nodeOffsets[first + b];
            int length = nodeOffsets[first + b + 1] - nodeOffsets[first + b];
            for (int d = 0; d < length; d++)
            {
                rows[d] = c.Tree + path[d] * c.Stride;
            }

            HiddenUpdate(s.Hidden + b * s.DimStride, s.Gradient + b * s.DimStride, rows, s.Dots + b * s.DotStride, length, dim);
        }

        for (int b = 0; b < count; b++)
        {
            int e = first + b;
            for (int i = inputOffsets[e]; i < inputOffsets[e + 1]; i++)
            {
                AddTo(c.Input + inputIds[i] * c.Stride, s.Gradient + b * s.DimStride, dim);
            }
        }

        return loss;
    }

    /// <summary>How many nodes two paths (root first) share before they part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SharedPrefix(int* a, int lengthA, int* b, int lengthB)
    {
        int shared = 0;
        int most = Math.Min(lengthA, lengthB);
        while (shared < most && a[shared] == b[shared])
        {
            shared++;
        }

        return shared;
    }

    /// <summary>
    /// The next group's rows that this group did not bring into the caches: of each example's inputs, those after the
    /// previous example's last one (the window slides right), and of its path the nodes below the tree's top that
    /// differ from the previous example's. Issued after this group's dots, so the misses overlap its sigmoid steps and
    /// updates instead of delaying its own loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchNextGroup(in KernelContext c, in NativeHiddenBatch batch, int next)
    {
        int* inputIds = batch.Inputs, inputOffsets = batch.InputOffsets, nodeIds = batch.Nodes, nodeOffsets = batch.NodeOffsets;
        int end = (int)Math.Min(batch.ExampleCount, next + HiddenBatchScratch.Group);
        for (int e = next; e < end; e++)
        {
            int last = inputIds[inputOffsets[e] - 1];
            for (int i = inputOffsets[e + 1] - 1; i >= inputOffsets[e] && inputIds[i] != last; i--)
            {
                RowPrefetch.Rows(c.Input, c.Stride, inputIds + i, 1, c.Dim);
            }

            RowPrefetch.NewPathNodes(c.Tree, c.Stride, c.Dim, nodeIds + nodeOffsets[e - 1], nodeOffsets[e] - nodeOffsets[e - 1],
                nodeIds + nodeOffsets[e], nodeOffsets[e + 1] - nodeOffsets[e]);
        }
    }
}

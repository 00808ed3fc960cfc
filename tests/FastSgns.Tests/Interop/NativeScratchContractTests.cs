using FastSgns.Interop;
using FastSgns.Kernels;
using FastSgns.Tests.Kernels;

namespace FastSgns.Tests.Interop;

/// <summary>
/// The scratch contract of native/include/fastsgns_native.h: the caller vouches for scratch_floats (sized by
/// PairScratch, BatchScratch and PathBatchScratch alone), and every path refuses, touching nothing, a call whose layout
/// needs more than that.
/// </summary>
public sealed unsafe class NativeScratchContractTests
{
    private const float Alpha = 0.1f;

    public static TheoryData<string> Paths => NativeKernelTrainingTests.Paths;

    [Theory]
    [MemberData(nameof(Paths))]
    public void TrainPairs_RefusesScratchBelowItsNeed_AndAcceptsTheManagedSizing(string name)
    {
        var kernel = (NativeKernel)KernelData.Require(name);
        foreach (int negatives in new[] { 0, 5, 15, 16 })
        {
            int rows = negatives + 1;
            int[] inputs = [0, 1];
            int[] targets = [.. Enumerable.Range(0, 2 * rows).Select(i => i % 8)];
            long managed = PairScratch.Floats(7, negatives);

            // Too little for any path's layout: the M+1 dots alone need rows floats.
            Assert.Equal(NativeStatus.ScratchTooSmall, Pairs(kernel, negatives, inputs, targets, rows - 1, out bool untouched));
            Assert.True(untouched, $"{name}, M {negatives}: rows changed although the call was refused");
            Assert.Equal(NativeStatus.Ok, Pairs(kernel, negatives, inputs, targets, managed, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void TrainBatches_RefusesScratchBelowItsNeed_AndAcceptsTheManagedSizing(string name)
    {
        var kernel = (NativeKernel)KernelData.Require(name);
        foreach (int negatives in new[] { 0, 5, 15 })
        {
            int rows = negatives + 1;
            int[] contexts = [0, 1, 2, 3, 4];
            int[] offsets = [0, 1, 5];
            int[] targets = [.. Enumerable.Range(0, 2 * rows).Select(i => i % 8)];
            long managed = BatchScratch.Floats(7, negatives, 4);

            // The largest batch (4 contexts) needs at least its 4 x round16(M+1) gradients.
            long tooSmall = 4 * KernelWorkspace.RoundUp(rows, 16) - 1;
            Assert.Equal(NativeStatus.ScratchTooSmall, Batches(kernel, negatives, contexts, offsets, targets, tooSmall, out bool untouched));
            Assert.True(untouched, $"{name}, M {negatives}: rows changed although the call was refused");
            Assert.Equal(NativeStatus.Ok, Batches(kernel, negatives, contexts, offsets, targets, managed, out _));
        }
    }

    /// <summary>The labelled layout is carved the same way on both sides: one float below the managed size is refused.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void TrainLabeledBatches_RefusesScratchOneFloatBelowTheManagedSizing_AndAcceptsIt(string name)
    {
        var kernel = (NativeKernel)KernelData.Require(name);
        foreach (int rows in new[] { 1, 5, 8 })
        {
            int[] contexts = [0, 1, 2, 3, 4];
            int[] offsets = [0, 1, 5];
            int[] targets = [.. Enumerable.Range(0, rows), .. Enumerable.Range(0, rows).Reverse()];
            int[] targetOffsets = [0, rows, 2 * rows];
            float[] labels = [.. targets.Select(t => (float)(t % 2))];
            long managed = PathBatchScratch.Floats(rows, 4);
            Assert.Equal(NativeStatus.ScratchTooSmall, Labeled(kernel, contexts, offsets, targets, targetOffsets, labels, managed - 1, out bool untouched));
            Assert.True(untouched, $"{name}, T {rows}: rows changed although the call was refused");
            Assert.Equal(NativeStatus.Ok, Labeled(kernel, contexts, offsets, targets, targetOffsets, labels, managed, out untouched));
            Assert.False(untouched, $"{name}, T {rows}: an accepted call changed nothing");
        }
    }

    private static NativeStatus Labeled(NativeKernel kernel, int[] contexts, int[] offsets, int[] targets, int[] targetOffsets, float[] labels,
        long scratchFloats, out bool untouched)
    {
        using var rows = new Rows(7, 4);
        var native = ToNative(rows.Context, scratchFloats);
        float loss = -1;
        int status;
        fixed (int* contextIds = contexts)
        fixed (int* offsetIds = offsets)
        fixed (int* targetIds = targets)
        fixed (int* targetOffsetIds = targetOffsets)
        fixed (float* labelValues = labels)
        {
            long batches = offsets.Length - 1;
            status = kernel.Name switch
            {
                "native-avx512" => NativeMethods.TrainLabeledBatchesAvx512(&native, contextIds, offsetIds, batches, targetIds, targetOffsetIds, labelValues, Alpha, &loss),
                "native-avx2" => NativeMethods.TrainLabeledBatchesAvx2(&native, contextIds, offsetIds, batches, targetIds, targetOffsetIds, labelValues, Alpha, &loss),
                _ => NativeMethods.TrainLabeledBatchesScalar(&native, contextIds, offsetIds, batches, targetIds, targetOffsetIds, labelValues, Alpha, &loss),
            };
        }

        untouched = rows.Untouched();
        return (NativeStatus)status;
    }

    private static NativeStatus Pairs(NativeKernel kernel, int negatives, int[] inputs, int[] targets, long scratchFloats, out bool untouched)
    {
        using var rows = new Rows(negatives, 4);
        var native = ToNative(rows.Context, scratchFloats);
        float loss = -1;
        int status;
        fixed (int* inputIds = inputs)
        fixed (int* targetIds = targets)
        {
            status = kernel.Name switch
            {
                "native-avx512" => NativeMethods.TrainPairsAvx512(&native, inputIds, inputs.Length, targetIds, negatives, Alpha, &loss),
                "native-avx2" => NativeMethods.TrainPairsAvx2(&native, inputIds, inputs.Length, targetIds, negatives, Alpha, &loss),
                _ => NativeMethods.TrainPairsScalar(&native, inputIds, inputs.Length, targetIds, negatives, Alpha, &loss),
            };
        }

        untouched = rows.Untouched();
        return (NativeStatus)status;
    }

    private static NativeStatus Batches(NativeKernel kernel, int negatives, int[] contexts, int[] offsets, int[] targets, long scratchFloats, out bool untouched)
    {
        using var rows = new Rows(negatives, 4);
        var native = ToNative(rows.Context, scratchFloats);
        float loss = -1;
        int status;
        fixed (int* contextIds = contexts)
        fixed (int* offsetIds = offsets)
        fixed (int* targetIds = targets)
        {
            long batches = offsets.Length - 1;
            status = kernel.Name switch
            {
                "native-avx512" => NativeMethods.TrainBatchesAvx512(&native, contextIds, offsetIds, batches, targetIds, negatives, Alpha, &loss),
                "native-avx2" => NativeMethods.TrainBatchesAvx2(&native, contextIds, offsetIds, batches, targetIds, negatives, Alpha, &loss),
                _ => NativeMethods.TrainBatchesScalar(&native, contextIds, offsetIds, batches, targetIds, negatives, Alpha, &loss),
            };
        }

        untouched = rows.Untouched();
        return (NativeStatus)status;
    }

    private static NativeContext ToNative(in KernelContext c, long scratchFloats) =>
        new(c.Input, c.Output, c.Stride, c.Dim, c.Sigmoid, c.PositiveLoss, c.NegativeLoss, c.TableSize, c.MaxExp, c.TableScale, c.Scratch, scratchFloats);

    /// <summary>Two 8-row matrices of dim 7 with known values, a table, and scratch of the managed batched (and labelled) size.</summary>
    private sealed class Rows : IDisposable
    {
        private const int Dim = 7;
        private const int Count = 8 * Dim;
        private readonly SigmoidTable _table = new();
        private readonly float* _input = Allocate(Count);
        private readonly float* _output = Allocate(Count);
        private readonly float* _scratch;
        private readonly int _scratchFloats;

        public Rows(int negatives, int maxBatch)
        {
            for (int i = 0; i < Count; i++)
            {
                _input[i] = Value(i);
                _output[i] = -Value(i);
            }

            _scratchFloats = Math.Max(BatchScratch.Floats(Dim, negatives, maxBatch), PathBatchScratch.Floats(negatives + 1, maxBatch));
            _scratch = Allocate(_scratchFloats);
        }

        public KernelContext Context => new(_input, Dim, _output, Dim, Dim, _table, _scratch, _scratchFloats);

        public bool Untouched()
        {
            for (int i = 0; i < Count; i++)
            {
                if (_input[i] != Value(i) || _output[i] != -Value(i))
                {
                    return false;
                }
            }

            return true;
        }

        public void Dispose()
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(_input);
            System.Runtime.InteropServices.NativeMemory.AlignedFree(_output);
            System.Runtime.InteropServices.NativeMemory.AlignedFree(_scratch);
            _table.Dispose();
        }

        private static float Value(int i) => (i % 17 - 8) / 16f;

        private static float* Allocate(int floats) =>
            (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
    }
}

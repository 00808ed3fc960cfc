using System.Runtime.InteropServices;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// Input and output matrices with stride == dim in exact-length guarded buffers (see <see cref="GuardedBuffer"/>),
/// plus the scratch a kernel needs: the worst layout a kernel can be handed.
/// </summary>
internal sealed unsafe class KernelCase : IDisposable
{
    private readonly GuardedBuffer _input;
    private readonly GuardedBuffer _output;
    private readonly SigmoidTable _table;
    private float* _scratch;

    /// <summary>The largest batch <see cref="TrainBatches"/> may be given (the scratch is sized for it).</summary>
    public const int MaxBatch = 32;

    public int Dim { get; }
    public int Negatives { get; }

    public KernelCase(int dim, int negatives, ReadOnlySpan<float> input, ReadOnlySpan<float> output, int placement, SigmoidTable table)
    {
        Dim = dim;
        Negatives = negatives;
        _table = table;
        _input = new GuardedBuffer(input.Length, placement);
        _output = new GuardedBuffer(output.Length, placement);
        input.CopyTo(_input.Span);
        output.CopyTo(_output.Span);
        _scratch = (float*)NativeMemory.AlignedAlloc((nuint)KernelContext.BatchedScratchFloats(dim, negatives, MaxBatch) * sizeof(float), 64);
    }

    public Span<float> Input => _input.Span;
    public Span<float> Output => _output.Span;

    public float Train(ISgnsKernel kernel, int[] inputs, int[] targets, float alpha)
    {
        var context = new KernelContext(_input.Pointer, _output.Pointer, Dim, Dim, _table, _scratch);
        return kernel.TrainPairs(context, inputs, targets, Negatives, alpha);
    }

    public float TrainBatches(IBatchedSgnsKernel kernel, int[] contexts, int[] offsets, int[] targets, float alpha)
    {
        var context = new KernelContext(_input.Pointer, _output.Pointer, Dim, Dim, _table, _scratch);
        return kernel.TrainBatches(context, contexts, offsets, targets, Negatives, alpha);
    }

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        NativeMemory.AlignedFree(_scratch);
        _scratch = null;
    }
}

using System.Runtime.InteropServices;

namespace FastSgns.Kernels;

/// <summary>
/// One thread's kernel scratch: 64-byte aligned native memory that knows its length. Its size comes only from the
/// layouts that use it (<see cref="PairScratch.Floats"/>, <see cref="BatchScratch.Floats"/>, <see cref="HiddenScratch.Floats"/>,
/// <see cref="PathBatchScratch.Floats"/>); a
/// <see cref="KernelContext"/> carries the pointer and the length, and every kernel checks the length on entry.
/// </summary>
internal sealed unsafe class KernelWorkspace : IDisposable
{
    /// <summary>The widest vector any kernel uses, in floats; the layouts leave room for it.</summary>
    public const int MaxVectorFloats = 16;

    private float* _pointer;

    private KernelWorkspace(int floats)
    {
        Floats = floats;
        _pointer = (float*)NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
        NativeMemory.Clear(_pointer, (nuint)floats * sizeof(float));
    }

    public int Floats { get; }

    public float* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(KernelWorkspace));

    /// <summary>Scratch for <see cref="ISgnsKernel.TrainPairs"/> at this dim and M.</summary>
    public static KernelWorkspace ForPairs(int dim, int negatives) => new(PairScratch.Floats(dim, negatives));

    /// <summary>Scratch for <see cref="ISgnsKernel.TrainHidden"/> at this dim with parts of up to <paramref name="rows"/> rows (M+1, the longest code).</summary>
    public static KernelWorkspace ForHidden(int dim, int rows) => new(HiddenScratch.Floats(dim, rows));

    /// <summary>Scratch for both modes, batches of up to <paramref name="maxBatch"/> contexts included.</summary>
    public static KernelWorkspace ForBatches(int dim, int negatives, int maxBatch) => new(BatchScratch.Floats(dim, negatives, maxBatch));

    /// <summary>Scratch for <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/>: batches of up to <paramref name="maxBatch"/> contexts and <paramref name="maxRows"/> targets.</summary>
    public static KernelWorkspace ForPathBatches(int maxRows, int maxBatch) => new(PathBatchScratch.Floats(maxRows, maxBatch));

    /// <summary>Throws unless the context's scratch holds <paramref name="needed"/> floats.</summary>
    internal static void Require(in KernelContext context, long needed, string sizedBy)
    {
        if (context.ScratchFloats < needed)
        {
            throw new ArgumentException($"The kernel scratch holds {context.ScratchFloats} floats; this call at dim {context.Dim} needs {needed} (size it with {sizedBy}).", nameof(context));
        }
    }

    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>Frees the memory (no finalizer: the owning thread or test disposes it, and a second call does nothing).</summary>
    public void Dispose()
    {
        NativeMemory.AlignedFree(_pointer);
        _pointer = null;
    }
}

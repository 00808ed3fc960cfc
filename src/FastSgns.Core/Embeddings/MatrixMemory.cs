using System.Runtime.InteropServices;
using FastSgns.Interop;

namespace FastSgns.Embeddings;

/// <summary>
/// The native block behind one <see cref="EmbeddingMatrix"/>: zeroed, 64-byte aligned, released exactly once — by
/// Dispose, or by the runtime's critical finalizer if the owner was never disposed — and never while a reader holds a
/// reference (<see cref="SafeHandle.DangerousAddRef"/>), so a query racing a Dispose cannot read freed memory.
/// </summary>
internal sealed unsafe class MatrixMemory : SafeHandle
{
    private const int Alignment = 64;

    private readonly long _bytes;

    /// <summary>
    /// calloc rather than an aligned allocation plus a clear: glibc serves large blocks straight from mmap, whose pages
    /// are already zero, so pages nobody writes are never committed (an output matrix whose rare rows are reached
    /// late, or a sparse test matrix of many gigabytes, costs only what is touched). The block is over-allocated by
    /// the alignment and the aligned start is kept beside the pointer that is freed.
    /// </summary>
    public MatrixMemory(long bytes) : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        void* block = NativeMemory.AllocZeroed(checked((nuint)(bytes + Alignment)));
        SetHandle((IntPtr)block);
        Start = (float*)(((nuint)block + Alignment - 1) & ~(nuint)(Alignment - 1));
        // Rows are read at random, so with 4 KB pages nearly every negative's row also misses the TLB (a nested page
        // walk in a virtual machine): per-pair training on wiki10m took ~7 % more CPU (bench/results/).
        HugePageArrays.Advise(Start, bytes);
        _bytes = bytes;
        GC.AddMemoryPressure(bytes);
    }

    /// <summary>The first float, 64-byte aligned. Valid only while the handle is open (or a reference is held).</summary>
    public float* Start { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        GC.RemoveMemoryPressure(_bytes);
        return true;
    }
}

using System.Runtime.InteropServices;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// Exactly <see cref="Length"/> floats of native memory followed (on Linux and macOS) by an inaccessible page.
/// Placement 0 puts the last float against that page, so any read or write past the end crashes the test run;
/// placements 1..3 start the buffer that many floats past a 64-byte boundary instead, to test misaligned rows.
/// </summary>
internal sealed unsafe class GuardedBuffer : IDisposable
{
    private static readonly int s_pageSize = Environment.SystemPageSize;

    private void* _block;
    private readonly byte* _guard;
    private readonly bool _guarded;

    public float* Pointer { get; }
    public int Length { get; }

    public GuardedBuffer(int length, int placement)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(placement, 3);
        Length = length;
        nuint dataBytes = (nuint)((((long)length + placement) * sizeof(float) + s_pageSize - 1) / s_pageSize * s_pageSize);
        _block = NativeMemory.AlignedAlloc(dataBytes + (nuint)s_pageSize, (nuint)s_pageSize);
        _guard = (byte*)_block + dataBytes;
        _guarded = (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            && Libc.mprotect(_guard, (nuint)s_pageSize, Libc.ProtNone) == 0;
        Pointer = placement == 0 ? (float*)_guard - length : (float*)_block + placement;
    }

    public Span<float> Span => new(Pointer, Length);

    public void Dispose()
    {
        if (_block != null)
        {
            if (_guarded)
            {
                Libc.mprotect(_guard, (nuint)s_pageSize, Libc.ProtReadWrite);
            }

            NativeMemory.AlignedFree(_block);
            _block = null;
        }
    }
}

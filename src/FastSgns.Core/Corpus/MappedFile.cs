using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Corpus;

/// <summary>
/// A read-only memory map of a whole file. Lengths and offsets are 64-bit; callers see the bytes only through
/// bounded spans (<see cref="Window"/>), because a span cannot address more than 2 GB.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly SafeMemoryMappedViewHandle? _handle;
    private byte* _pointer;

    public string Path { get; }
    public long Length { get; }

    private MappedFile(string path, long length, MemoryMappedFile? map, MemoryMappedViewAccessor? view)
    {
        Path = path;
        Length = length;
        _map = map;
        _view = view;
        if (view is not null)
        {
            _handle = view.SafeMemoryMappedViewHandle;
            byte* p = null;
            _handle.AcquirePointer(ref p);
            _pointer = p + view.PointerOffset;
            Interop.LibC.Advise(_pointer, length, Interop.LibC.AdviseSequential);
        }
    }

    /// <summary>Maps <paramref name="path"/> read-only; an empty file is allowed and maps nothing.</summary>
    public static MappedFile Open(string path)
    {
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            return new MappedFile(path, 0, null, null);
        }

        var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedFile(path, length, map, view);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>A span over [offset, offset + length); length is bounded by the caller to fit a span.</summary>
    public ReadOnlySpan<byte> Window(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        ObjectDisposedException.ThrowIf(_pointer == null && Length != 0, this);
        return length == 0 ? default : new ReadOnlySpan<byte>(_pointer + offset, length);
    }

    /// <summary>
    /// Drops the pages of [from, to) that were read and will not be read again from this process's resident set (they
    /// stay in the page cache); returns the offset up to which pages were dropped, where the next call should start.
    /// Reading a dropped page again is correct, only slower.
    /// </summary>
    public long Release(long from, long to)
    {
        if (_pointer == null || from >= to || to > Length)
        {
            return from;
        }

        return from + Interop.LibC.Advise(_pointer + from, to - from, Interop.LibC.AdviseDontNeed);
    }

    public void Dispose()
    {
        if (_handle is not null && _pointer != null)
        {
            _pointer = null;
            _handle.ReleasePointer();
        }

        _view?.Dispose();
        _map?.Dispose();
    }
}

using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Ids;

/// <summary>
/// The encoded corpus: int32 word ids with <see cref="SentenceEnd"/> markers, either memory-mapped from the id file
/// or held in memory (small corpora and tests). Training reads it only through bounded windows.
/// </summary>
internal sealed unsafe class EncodedCorpus : IDisposable
{
    public const int SentenceEnd = -1;

    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly SafeMemoryMappedViewHandle? _handle;
    private readonly int[]? _ids;
    private int* _pointer;

    /// <summary>Number of int32 entries, sentence markers included.</summary>
    public long Length { get; }

    /// <summary>Number of word ids (what word2vec counts as train words).</summary>
    public long WordCount { get; }

    public EncodedCorpus(int[] ids, long wordCount)
    {
        _ids = ids;
        Length = ids.Length;
        WordCount = wordCount;
    }

    private EncodedCorpus(MemoryMappedFile map, MemoryMappedViewAccessor view, long length, long wordCount)
    {
        _map = map;
        _view = view;
        _handle = view.SafeMemoryMappedViewHandle;
        byte* p = null;
        _handle.AcquirePointer(ref p);
        _pointer = (int*)(p + view.PointerOffset);
        Interop.LibC.Advise((byte*)_pointer, length * sizeof(int), Interop.LibC.AdviseSequential);
        Length = length;
        WordCount = wordCount;
    }

    public static EncodedCorpus Map(string path, long wordCount)
    {
        // The handle stays open, owned by the map, for as long as training reads the file: its shared lock is what
        // tells another run's StaleIdFiles that the file is in use.
        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        long bytes = RandomAccess.GetLength(file);
        if (bytes == 0)
        {
            file.Dispose();
            return new EncodedCorpus([], 0);
        }

        if (bytes % sizeof(int) != 0)
        {
            file.Dispose();
            throw new InvalidDataException($"{path}: an id file must hold whole int32 values, but it has {bytes} bytes.");
        }

        MemoryMappedFile map;
        try
        {
            map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        try
        {
            var view = map.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.Read);
            return new EncodedCorpus(map, view, bytes / sizeof(int), wordCount);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>The ids in [start, start + length).</summary>
    public ReadOnlySpan<int> Window(long start, int length)
    {
        if (start < 0 || length < 0 || start + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        if (_ids is not null)
        {
            return _ids.AsSpan((int)start, length);
        }

        ObjectDisposedException.ThrowIf(_pointer == null, this);
        return new ReadOnlySpan<int>(_pointer + start, length);
    }

    /// <summary>
    /// Drops the mapped pages of ids [from, to), already trained on, from the resident set so that RSS does not grow
    /// with the corpus; returns the id up to which pages were dropped (where the next call should start). Another
    /// epoch reads them back from the page cache. In-memory corpora ignore it.
    /// </summary>
    public long Release(long from, long to)
    {
        if (_pointer == null || from >= to || to > Length)
        {
            return from;
        }

        return from + Interop.LibC.Advise((byte*)(_pointer + from), (to - from) * sizeof(int), Interop.LibC.AdviseDontNeed) / sizeof(int);
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

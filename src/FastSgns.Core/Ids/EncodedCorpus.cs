using System.Runtime.InteropServices;
using FastSgns.Corpus;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Ids;

/// <summary>
/// The encoded corpus: int32 word ids with <see cref="SentenceEnd"/> markers, either read from the id file through a
/// <see cref="MappedFile"/> or held in memory (small corpora and tests). Training reads it only through bounded windows.
/// </summary>
internal sealed class EncodedCorpus : IDisposable
{
    public const int SentenceEnd = -1;

    private readonly MappedFile? _file;
    private readonly SafeFileHandle? _inUse;
    private readonly int[]? _ids;

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

    private EncodedCorpus(MappedFile file, SafeFileHandle inUse, long wordCount)
    {
        _file = file;
        _inUse = inUse;
        Length = file.Length / sizeof(int);
        WordCount = wordCount;
    }

    public static EncodedCorpus Map(string path, long wordCount)
    {
        // This handle stays open for as long as training reads the file: its shared lock is what tells another run's
        // StaleIdFiles that the file is in use.
        SafeFileHandle inUse = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        MappedFile? file = null;
        try
        {
            long bytes = RandomAccess.GetLength(inUse);
            if (bytes % sizeof(int) != 0)
            {
                throw new InvalidDataException($"{path}: an id file must hold whole int32 values, but it has {bytes} bytes.");
            }

            if (bytes == 0)
            {
                inUse.Dispose();
                return new EncodedCorpus([], 0);
            }

            file = MappedFile.Open(path);
            if (file.Length != bytes)
            {
                throw new InvalidDataException($"{path}: the id file changed from {bytes} to {file.Length} bytes while it was opened.");
            }

            return new EncodedCorpus(file, inUse, wordCount);
        }
        catch
        {
            file?.Dispose();
            inUse.Dispose();
            throw;
        }
    }

    /// <summary>The ids in [start, start + length).</summary>
    public ReadOnlySpan<int> Window(long start, int length)
    {
        if (start < 0 || length < 0 || start + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"The window [{start}, {start}+{length}) is outside the {Length} ids.");
        }

        return _ids is not null
            ? _ids.AsSpan((int)start, length)
            : MemoryMarshal.Cast<byte, int>(_file!.Window(start * sizeof(int), checked(length * sizeof(int))));
    }

    /// <summary>
    /// The first line start (the id right after a <see cref="SentenceEnd"/> marker) in [<paramref name="from"/>,
    /// <paramref name="to"/>], looking at no more than <paramref name="searchIds"/> ids from the one before
    /// <paramref name="from"/> (which must be at least 1); -1 when none lies there. Slicing the corpus into workers'
    /// slices and cutting a distributed run's handover both look for one, each with its own fallback.
    /// </summary>
    public long NextLineStart(long from, long to, int searchIds)
    {
        long limit = Math.Min(to, from - 1 + searchIds);
        for (long at = from - 1; at < limit; at += LineSearchWindow)
        {
            int length = (int)Math.Min(LineSearchWindow, limit - at);
            int marker = Window(at, length).IndexOf(SentenceEnd);
            if (marker >= 0)
            {
                return at + marker + 1;
            }
        }

        return -1;
    }

    /// <summary>Ids one window of <see cref="NextLineStart"/> looks at: a long search maps the file a bounded piece at a time.</summary>
    private const int LineSearchWindow = 1 << 16;

    /// <summary>
    /// Drops the pages of ids [from, to), already trained on, from the resident set so that RSS does not grow with the
    /// corpus; returns the id up to which pages were dropped (where the next call should start). Another epoch reads
    /// them back from the page cache. In-memory corpora ignore it.
    /// </summary>
    public long Release(long from, long to) =>
        _file is null || from >= to || to > Length ? from : _file.Release(from * sizeof(int), to * sizeof(int)) / sizeof(int);

    public void Dispose()
    {
        _file?.Dispose();
        _inUse?.Dispose();
    }
}

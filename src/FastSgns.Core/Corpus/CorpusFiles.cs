using Microsoft.Win32.SafeHandles;

namespace FastSgns.Corpus;

/// <summary>
/// The input of a run as one corpus: files in the order given, a directory standing for all the regular files in
/// it (not recursive, sorted by ordinal name; hidden dot-files, such as FastSgns's own temporary files, skipped), and
/// <c>-</c> for standard input. What a file holds is decided by its first bytes (<see cref="InputSniffer"/>): text
/// (a UTF-8 byte-order mark skipped), gzip (decompressed as a stream each time it is read, its trailers checked), or
/// a refusal. Text is read with positional reads into a reusable buffer per thread; a file is opened only while a
/// chunk of it is read, so a directory of 100,000 files needs one descriptor per thread, and each read checks the file
/// is unchanged. Pipes are spooled to the work directory once (<see cref="InputSpool"/>). Every file ends a sentence,
/// so it reads like the concatenation of the files when each ends with a newline.
/// </summary>
internal sealed partial class CorpusFiles : IDisposable
{
    /// <summary>How far past a chunk's nominal edge the search for whitespace goes before cutting a token.</summary>
    private const int SlackBytes = 1 << 20;

    /// <summary>Bytes read per step of that search: a cut lands within a few bytes of a space in text.</summary>
    private const int ProbeBytes = 4096;

    /// <summary>Most warnings about suspicious files printed one by one; the rest are counted.</summary>
    private const int MaxWarnings = 5;

    /// <summary>Each reading thread's buffer, reused for every chunk it reads.</summary>
    [ThreadStatic]
    private static byte[]? t_buffer;

    private readonly InputFile[] _files;
    private readonly List<string> _spools;

    /// <summary>The files, directories expanded, in reading order, named as given (standard input as "standard input").</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Bytes on disk (compressed bytes for gzip files).</summary>
    public long Bytes { get; }

    /// <summary>Bytes of text read by the last full pass (decompressed bytes for gzip files).</summary>
    public long TextBytes { get; internal set; }

    private CorpusFiles(InputFile[] files, List<string> spools)
    {
        _files = files;
        _spools = spools;
        Paths = [.. files.Select(f => f.Name)];
        Bytes = files.Sum(f => f.Length);
    }

    /// <summary>
    /// Expands directories, spools pipes into <paramref name="workDirectory"/> (the system temp directory when null),
    /// and looks at the start of every file; errors name the input that is missing, unusable or not text.
    /// Warnings (text with invalid UTF-8 or NUL bytes) go to <paramref name="warn"/>.
    /// </summary>
    public static CorpusFiles Open(IReadOnlyList<string> inputs, string? workDirectory = null, Action<string>? warn = null,
        CancellationToken cancellation = default)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("No input file was given.");
        }

        var spools = new List<string>();
        var files = new List<InputFile>();
        int warnings = 0;
        try
        {
            foreach (string input in inputs)
            {
                foreach ((string name, string readPath, bool sniff) in Expand(input, workDirectory, spools, cancellation))
                {
                    cancellation.ThrowIfCancellationRequested();
                    InputFile file = Describe(name, readPath, sniff, out string? warning);
                    if (warning is not null && ++warnings <= MaxWarnings)
                    {
                        warn?.Invoke(warning);
                    }

                    files.Add(file);
                }
            }
        }
        catch
        {
            spools.ForEach(InputSpool.Delete);
            throw;
        }

        if (warnings > MaxWarnings)
        {
            warn?.Invoke($"warning: {warnings - MaxWarnings:N0} more input file(s) hold invalid UTF-8, control or NUL bytes.");
        }

        return new CorpusFiles([.. files], spools);
    }

    /// <summary>The files an input stands for: (name for messages, path to read, whether to look at its content).</summary>
    private static IEnumerable<(string Name, string ReadPath, bool Sniff)> Expand(string input, string? workDirectory, List<string> spools, CancellationToken cancellation)
    {
        if (Directory.Exists(input))
        {
            string[] paths = [.. Directory.GetFiles(input).Where(f => !Path.GetFileName(f).StartsWith('.'))];
            Array.Sort(paths, StringComparer.Ordinal);
            if (paths.Length == 0)
            {
                throw new ArgumentException($"{input}: the input directory holds no files.");
            }

            // A file of size 0 in a directory is read as empty without being opened (opening a FIFO would block).
            return paths.Select(p => (p, p, new FileInfo(p).Length > 0));
        }

        if (input != InputSpool.StandardInput && !File.Exists(input))
        {
            throw new FileNotFoundException($"{input}: input file not found.", input);
        }

        if (InputSpool.CopyIfNotSeekable(input, workDirectory ?? Path.GetTempPath(), cancellation) is { } spool)
        {
            spools.Add(spool);
            return [(input == InputSpool.StandardInput ? "standard input" : input, spool, true)];
        }

        return [(input, input, true)];
    }

    /// <summary>Records the file's size and time and judges its first bytes.</summary>
    private static InputFile Describe(string name, string readPath, bool sniff, out string? warning)
    {
        warning = null;
        if (!sniff)
        {
            var info = new FileInfo(readPath);
            return new InputFile { Name = name, ReadPath = readPath, Length = info.Length, LastWriteUtc = info.LastWriteTimeUtc };
        }

        using SafeFileHandle handle = File.OpenHandle(readPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(handle);
        DateTime time = File.GetLastWriteTimeUtc(handle);
        byte[] head = new byte[(int)Math.Min(InputSniffer.SampleBytes, length)];
        head = head[..RandomAccess.Read(handle, head, 0)];
        InputSniffer.Verdict verdict = InputSniffer.Judge(head, name, decompressed: false);
        if (verdict.IsGzip)
        {
            using var compressed = new FileStream(readPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var gzip = new GzipTextStream(compressed, name);
            byte[] text = new byte[InputSniffer.SampleBytes];
            int read = gzip.ReadAtLeast(text, text.Length, throwOnEndOfStream: false);
            verdict = InputSniffer.Judge(text.AsSpan(0, read), name, decompressed: true) with { IsGzip = true };
        }
        else if (length > 0 && name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{name}: byte 0: the name ends in .gz but the file is not gzip data (it does not start with the bytes 1f 8b). Rename it if it is plain text.");
        }

        warning = verdict.Warning;
        return new InputFile { Name = name, ReadPath = readPath, Length = length, LastWriteUtc = time, IsGzip = verdict.IsGzip, TextStart = verdict.BomLength };
    }

    public int Count => _files.Length;

    /// <summary>True for a plain text file, which can be cut into chunks read independently; false for gzip.</summary>
    internal bool IsSplittable(int index) => !_files[index].IsGzip;

    /// <summary>Bytes of text in plain file <paramref name="index"/> (past a byte-order mark).</summary>
    internal long TextLength(int index) => _files[index].Length - _files[index].TextStart;

    private static byte[] Buffer => t_buffer ??= new byte[StreamTokenizer.BufferBytes];

    /// <summary>Reads file <paramref name="index"/> whole, a gzip one decompressed; returns its tokens and ends its last sentence.</summary>
    internal long Tokenize<TSink>(int index, ref TSink sink, out long textBytes)
        where TSink : struct, ITokenSink
    {
        InputFile file = _files[index];
        if (!file.IsGzip)
        {
            textBytes = file.Length - file.TextStart;
            long tokens = file.Length == 0 ? 0 : Tokenize(index, file.TextStart, file.Length, ref sink);
            sink.OnSentenceEnd();
            return tokens;
        }

        using var compressed = new FileStream(file.OpenChecked(), FileAccess.Read, 1 << 16);
        using var gzip = new GzipTextStream(compressed, file.Name, leaveOpen: true);
        gzip.ReadExactly(Buffer.AsSpan(0, file.TextStart));
        long gzipTokens = StreamTokenizer.Tokenize(gzip, ref sink, Buffer, endSentence: true);
        file.CheckUnchanged(compressed.SafeFileHandle);
        textBytes = gzip.TextBytes - file.TextStart;
        return gzipTokens;
    }

    /// <summary>
    /// Tokenizes [start, end) of plain file <paramref name="index"/>; start must follow whitespace or be where the text
    /// starts, end must follow whitespace or be the file's end. No sentence end is added.
    /// </summary>
    internal long Tokenize<TSink>(int index, long start, long end, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        InputFile file = _files[index];
        using SafeFileHandle handle = file.OpenChecked();
        long tokens = StreamTokenizer.Tokenize(new FileRangeStream(file, handle, start, end), ref sink, Buffer, endSentence: false);
        file.CheckUnchanged(handle);
        return tokens;
    }

    /// <summary>
    /// Cuts the text of plain file <paramref name="index"/> into <paramref name="parts"/> ranges that each start after
    /// whitespace (or where the text starts), so they can be tokenized independently; returns parts + 1 ascending
    /// bounds (adjacent ones may be equal).
    /// </summary>
    internal long[] SplitAtWhitespace(int index, int parts)
    {
        InputFile file = _files[index];
        var bounds = new long[parts + 1];
        bounds[0] = file.TextStart;
        bounds[parts] = file.Length;
        if (parts == 1)
        {
            return bounds;
        }

        using SafeFileHandle handle = file.OpenChecked();
        Span<byte> probe = stackalloc byte[ProbeBytes];
        for (int p = 1; p < parts; p++)
        {
            long target = Math.Max(bounds[p - 1], file.TextStart + (file.Length - file.TextStart) * p / parts);
            bounds[p] = target <= file.TextStart || target >= file.Length ? Math.Clamp(target, file.TextStart, file.Length) : PastNextWhitespace(file, handle, target, probe);
        }

        return bounds;
    }

    /// <summary>The offset just past the first whitespace at or after <paramref name="offset"/>, searching at most <see cref="SlackBytes"/>.</summary>
    private static long PastNextWhitespace(InputFile file, SafeFileHandle handle, long offset, Span<byte> probe)
    {
        long limit = Math.Min(file.Length, offset + SlackBytes);
        for (long at = offset; at < limit;)
        {
            int read = RandomAccess.Read(handle, probe[..(int)Math.Min(probe.Length, limit - at)], at);
            if (read == 0)
            {
                throw file.Changed(RandomAccess.GetLength(handle));
            }

            for (int i = 0; i < read; i++)
            {
                if (Tokenizer.IsWhitespace(probe[i]))
                {
                    return at + i + 1;
                }
            }

            at += read;
        }

        // A token longer than the slack is cut here, which the per-token limit would do anyway.
        return limit;
    }

    /// <summary>Reads every file in order into <paramref name="sink"/>; returns the number of tokens.</summary>
    public long Tokenize<TSink>(ref TSink sink)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        long text = 0;
        for (int i = 0; i < _files.Length; i++)
        {
            tokens += Tokenize(i, ref sink, out long bytes);
            text += bytes;
        }

        TextBytes = text;
        return tokens;
    }

    /// <summary>Deletes the spool files of piped inputs.</summary>
    public void Dispose() => _spools.ForEach(InputSpool.Delete);
}

using System.IO.Compression;

namespace FastSgns.Corpus;

/// <summary>
/// The input of a run as one corpus: files in the order given, a directory standing for all the regular files in
/// it (not recursive, sorted by ordinal name; hidden dot-files, such as FastSgns's own temporary files, skipped). Plain files are memory-mapped; files ending in .gz are decompressed
/// as a stream each time they are read, never to disk or memory. Every file ends a sentence, so it reads like the
/// concatenation of the files when each ends with a newline.
/// </summary>
internal sealed class CorpusFiles : IDisposable
{
    private readonly MappedFile?[] _mapped;

    /// <summary>The files, directories expanded, in reading order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Bytes on disk (compressed bytes for .gz files).</summary>
    public long Bytes { get; }

    /// <summary>Bytes of text read by the last full pass (decompressed bytes for .gz files).</summary>
    public long TextBytes { get; internal set; }

    private CorpusFiles(string[] paths, MappedFile?[] mapped, long bytes)
    {
        Paths = paths;
        _mapped = mapped;
        Bytes = bytes;
    }

    /// <summary>Expands directories and opens every file; errors name the path that is missing or unusable.</summary>
    public static CorpusFiles Open(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("No input file was given.");
        }

        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                string[] files = [.. Directory.GetFiles(input).Where(f => !Path.GetFileName(f).StartsWith('.'))];
                Array.Sort(files, StringComparer.Ordinal);
                if (files.Length == 0)
                {
                    throw new ArgumentException($"{input}: the input directory holds no files.");
                }

                paths.AddRange(files);
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                throw new FileNotFoundException($"{input}: input file not found.", input);
            }
        }

        var mapped = new MappedFile?[paths.Count];
        long bytes = 0;
        try
        {
            for (int i = 0; i < paths.Count; i++)
            {
                if (IsGzip(paths[i]))
                {
                    bytes += new FileInfo(paths[i]).Length;
                }
                else
                {
                    mapped[i] = MappedFile.Open(paths[i]);
                    bytes += mapped[i]!.Length;
                }
            }
        }
        catch
        {
            foreach (MappedFile? file in mapped)
            {
                file?.Dispose();
            }

            throw;
        }

        return new CorpusFiles([.. paths], mapped, bytes);
    }

    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    public int Count => _mapped.Length;

    /// <summary>The map of file <paramref name="index"/>, or null for a .gz file.</summary>
    internal MappedFile? Mapped(int index) => _mapped[index];

    /// <summary>Reads file <paramref name="index"/>, a .gz one through <see cref="GZipStream"/>; returns its tokens.</summary>
    internal long Tokenize<TSink>(int index, ref TSink sink, out long textBytes)
        where TSink : struct, ITokenSink
    {
        if (_mapped[index] is { } file)
        {
            textBytes = file.Length;
            return Tokenizer.Tokenize(file, ref sink);
        }

        using var compressed = new FileStream(Paths[index], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        var counted = new CountingStream(gzip);
        long tokens = StreamTokenizer.Tokenize(counted, ref sink);
        textBytes = counted.BytesRead;
        return tokens;
    }

    /// <summary>Reads every file in order into <paramref name="sink"/>; returns the number of tokens.</summary>
    public long Tokenize<TSink>(ref TSink sink)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        long text = 0;
        for (int i = 0; i < _mapped.Length; i++)
        {
            tokens += Tokenize(i, ref sink, out long bytes);
            text += bytes;
        }

        TextBytes = text;
        return tokens;
    }

    public void Dispose()
    {
        foreach (MappedFile? file in _mapped)
        {
            file?.Dispose();
        }
    }

    /// <summary>Counts the decompressed bytes, for throughput figures.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.IO.Compression;
using System.IO.Hashing;

namespace FastSgns.Corpus;

/// <summary>
/// Decompresses a gzip file (one member or several concatenated, as pigz, bgzip or <c>cat a.gz b.gz</c> make them),
/// checking what <see cref="GZipStream"/> does not: that every member ends with the CRC32 and length of its data.
/// GZipStream stops quietly where a cut file stops, so a truncated download trained on whatever survived. Here each
/// member's header is parsed, its deflate data is inflated by <see cref="DeflateStream"/>, and its 8-byte trailer is
/// found right where the deflate data ends (DeflateStream reads ahead, so it is looked for in the last block it read,
/// by its value, which this stream computed). Every error is an <see cref="InvalidDataException"/> naming the file and
/// the byte. The compressed stream must be seekable (pipes are spooled to a file first).
/// </summary>
internal sealed class GzipTextStream : Stream
{
    private static ReadOnlySpan<byte> Magic => [0x1F, 0x8B];

    private readonly Stream _compressed;
    private readonly string _name;
    private readonly bool _ownsStream;
    private readonly long _length;
    private readonly Crc32 _crc = new();
    private GzipFeedStream? _feed;
    private DeflateStream? _member;
    private long _memberStart;
    private long _deflateStart;
    private long _memberBytes;
    private long _next;
    private bool _done;

    /// <summary>Reads the gzip data of <paramref name="compressed"/> (seekable) from its start; <paramref name="name"/> is for messages.</summary>
    public GzipTextStream(Stream compressed, string name, bool leaveOpen = false)
    {
        if (!compressed.CanSeek)
        {
            throw new ArgumentException("The gzip stream must be seekable.", nameof(compressed));
        }

        _compressed = compressed;
        _name = name;
        _ownsStream = !leaveOpen;
        _length = compressed.Length;
    }

    /// <summary>Opens a gzip file for reading.</summary>
    public static GzipTextStream Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), path);

    /// <summary>Decompressed bytes returned so far.</summary>
    public long TextBytes { get; private set; }

    /// <summary>Members read to their checked end so far.</summary>
    public int Members { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty && !_done)
        {
            if (_member is null && !StartMember())
            {
                _done = true;
                break;
            }

            int read;
            try
            {
                read = _member!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw Error(_deflateStart + _feed!.Handed, $"the gzip data is damaged ({e.Message.TrimEnd('.')}).");
            }

            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _memberBytes += read;
                TextBytes += read;
                return read;
            }

            EndMember();
        }

        return 0;
    }

    /// <summary>Parses the header of the member at <see cref="_next"/>; false at the end of the file (or of its zero padding).</summary>
    private bool StartMember()
    {
        _memberStart = _next;
        _compressed.Position = _next;
        if (_next >= _length || (Members > 0 && RestIsZeros()))
        {
            return false;
        }

        _compressed.Position = _next;
        if (Next() != Magic[0] || Next() != Magic[1])
        {
            throw Error(_memberStart, Members == 0
                ? "not gzip data (it does not start with the bytes 1f 8b)."
                : $"after {Members} gzip member(s), the data that follows is not another member.");
        }

        int method = Next();
        int flags = Next();
        if (method != 8 || (flags & 0xE0) != 0)
        {
            throw Error(_memberStart, $"unsupported gzip header (method {method}, flags 0x{flags:x2}).");
        }

        Skip(6); // modification time, extra flags, operating system
        if ((flags & 0x04) != 0)
        {
            Skip(Next() | (Next() << 8)); // FEXTRA
        }

        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated(); // FNAME
        }

        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated(); // FCOMMENT
        }

        if ((flags & 0x02) != 0)
        {
            Skip(2); // FHCRC
        }

        _deflateStart = _compressed.Position;
        _feed = new GzipFeedStream(_compressed);
        _member = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _memberBytes = 0;
        return true;
    }

    /// <summary>Finds the member's trailer right after its deflate data, checks it, and moves past it.</summary>
    private void EndMember()
    {
        long fedEnd = _deflateStart + _feed!.Handed;
        long from = Math.Max(_deflateStart, fedEnd - _feed.LastRead);
        long to = Math.Min(_length, fedEnd + 8);
        Span<byte> trailer = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberBytes));
        byte[] tail = new byte[to - from];
        _compressed.Position = from;
        int read = _compressed.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false);
        long at = FindTrailer(tail.AsSpan(0, read), trailer, from);
        _member!.Dispose();
        _member = null;
        if (at < 0)
        {
            throw Error(_memberStart, fedEnd >= _length
                ? $"the gzip data is truncated: the member starting here ends without the CRC32 and length of its {_memberBytes:N0} bytes (a cut or incomplete file)."
                : $"the gzip data is damaged: the member starting here does not end with the CRC32 and length of its {_memberBytes:N0} bytes.");
        }

        _next = at + 8;
        Members++;
    }

    /// <summary>
    /// The file offset of the trailer in <paramref name="window"/> (which starts at <paramref name="from"/>), or -1. Its
    /// value can also match a little earlier, overlapping the deflate data's last bytes (an empty member's trailer is
    /// eight zeros, after a deflate block ending in zero): the match taken is the first one followed by the file's end or
    /// the next member's magic, else by nothing but zero padding, else the first (what follows it is then reported).
    /// </summary>
    private long FindTrailer(ReadOnlySpan<byte> window, ReadOnlySpan<byte> trailer, long from)
    {
        long padded = -1;
        long first = -1;
        for (int start = 0; start + trailer.Length <= window.Length;)
        {
            int found = window[start..].IndexOf(trailer);
            if (found < 0)
            {
                break;
            }

            long at = from + start + found;
            first = first < 0 ? at : first;
            long next = at + trailer.Length;
            if (next == _length || StartsWithMagic(next))
            {
                return at;
            }

            if (padded < 0)
            {
                _compressed.Position = next;
                padded = RestIsZeros() ? at : -1;
            }

            start += found + 1;
        }

        return padded >= 0 ? padded : first;
    }

    private bool StartsWithMagic(long offset)
    {
        Span<byte> two = stackalloc byte[2];
        _compressed.Position = offset;
        return _compressed.ReadAtLeast(two, 2, throwOnEndOfStream: false) == 2 && two.SequenceEqual(Magic);
    }

    private bool RestIsZeros()
    {
        Span<byte> block = stackalloc byte[4096];
        int read;
        while ((read = _compressed.Read(block)) > 0)
        {
            if (block[..read].ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    private int Next()
    {
        int b = _compressed.ReadByte();
        return b >= 0 ? b : throw Error(_memberStart, "the gzip data is truncated inside a member's header.");
    }

    private void Skip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Next();
        }
    }

    private void SkipZeroTerminated()
    {
        while (Next() != 0)
        {
        }
    }

    private InvalidDataException Error(long offset, string message) => new($"{_name}: byte {offset}: {message}");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            if (_ownsStream)
            {
                _compressed.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => TextBytes; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

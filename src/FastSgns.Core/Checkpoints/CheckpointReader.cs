using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace FastSgns.Checkpoints;

/// <summary>
/// Reads the frame of a checkpoint (<see cref="CheckpointFormat"/>) or of another <see cref="SectionedFormat"/> and checks it: the preamble, each section's
/// length against what is left of the file, each section's checksum, the closing magic and that nothing follows.
/// Small sections are checked whole before they are parsed; the matrices are hashed as they stream into place and
/// checked at their end, so a damaged file is refused before training touches them.
/// </summary>
internal sealed class CheckpointReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _length;
    private readonly XxHash3 _hash = new();
    private readonly SectionedFormat _format;
    private string? _section;
    private long _left;
    private long _payloadStart;

    public string Path { get; }

    private CheckpointReader(string path, FileStream stream, SectionedFormat format)
    {
        Path = path;
        _stream = stream;
        _length = stream.Length;
        _format = format;
    }

    /// <summary>Opens the checkpoint and reads its preamble; an unreadable or older format is refused here.</summary>
    public static CheckpointReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from.", path);
        }

        return Open(path, CheckpointFormat.Frame);
    }

    /// <summary>Opens a file of <paramref name="format"/> and reads its preamble; another magic or version is refused here.</summary>
    public static CheckpointReader Open(string path, SectionedFormat format)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var reader = new CheckpointReader(path, stream, format);
        try
        {
            reader.ReadPreamble();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private void ReadPreamble()
    {
        Span<byte> magic = stackalloc byte[_format.Magic.Length];
        if (_length < magic.Length + sizeof(int) || !ReadRaw(magic) || Encoding.ASCII.GetString(magic) != _format.Magic)
        {
            throw new InvalidDataException($"{Path}: not a FastSgns {_format.Noun} (it does not start with {_format.Magic}).");
        }

        Span<byte> bytes = stackalloc byte[sizeof(int)];
        ReadRaw(bytes);
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (version is < 1 or > 1000)
        {
            throw _format.Damaged(Path, $"its format version reads {version}");
        }

        if (version < _format.OldestReadable || version > _format.Version)
        {
            string writer = version < _format.Version ? "an older" : "a newer";
            throw new InvalidDataException(
                $"{Path}: the {_format.Noun} was written by {writer} FastSgns (format {version}; this one reads {_format.ReadableVersions}); {_format.Advice}.");
        }

        Version = version;
    }

    /// <summary>The file's format version, one this build reads.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The checksum stored behind the last section ended or skipped (as written, so unchecked for a skipped one): with
    /// the others, a cheap fingerprint of the whole file.
    /// </summary>
    public ulong StoredChecksum { get; private set; }

    /// <summary>Reads a whole section, checks its checksum, then parses it; the parser must consume it exactly.</summary>
    public T ReadSection<T>(string name, Func<SectionParser, T> parse)
    {
        long length = BeginSection(name);
        if (length > Array.MaxLength)
        {
            throw Damaged(name, $"is recorded as {length} bytes long");
        }

        byte[] payload = new byte[length];
        Read(payload);
        EndSection();
        var parser = new SectionParser(Path, name, payload) { Format = _format, Start = _payloadStart };
        T result = parse(parser);
        parser.RequireEnd();
        return result;
    }

    /// <summary>Passes over a section without reading it (its checksum is not checked: its contents are not used).</summary>
    public void SkipSection(string name)
    {
        long length = BeginSection(name);
        _stream.Seek(length, SeekOrigin.Current);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        ReadRaw(bytes);
        StoredChecksum = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _section = null;
    }

    /// <summary>Starts streaming a section; returns its payload length, already checked against the file.</summary>
    public long BeginSection(string name)
    {
        _section = name;
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        if (!ReadRaw(bytes))
        {
            throw Damaged(name, "is missing (the file is truncated)");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        _payloadStart = _stream.Position;
        long left = _length - _stream.Position - sizeof(ulong);
        if (length < 0 || length > left)
        {
            throw Damaged(name, $"is recorded as {length} bytes long but the file has {Math.Max(left, 0)} left for it (truncated?)");
        }

        _left = length;
        _hash.Reset();
        return length;
    }

    /// <summary>Reads the next bytes of the current section, hashing them.</summary>
    public void Read(Span<byte> destination)
    {
        if (destination.Length > _left)
        {
            throw Damaged(_section!, "is shorter than its contents need");
        }

        _stream.ReadExactly(destination);
        _hash.Append(destination);
        _left -= destination.Length;
    }

    public int ReadInt32()
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        Read(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>Ends the current section: all of it must have been read and its checksum must match.</summary>
    public void EndSection()
    {
        string name = _section!;
        if (_left != 0)
        {
            throw Damaged(name, $"has {_left} bytes more than its contents");
        }

        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        ReadRaw(bytes);
        StoredChecksum = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (StoredChecksum != _hash.GetCurrentHashAsUInt64())
        {
            throw Damaged(name, "checksum mismatch");
        }

        _section = null;
    }

    /// <summary>The closing magic, and nothing after it.</summary>
    public void ReadEnd()
    {
        Span<byte> magic = stackalloc byte[_format.EndMagic.Length];
        if (!ReadRaw(magic) || Encoding.ASCII.GetString(magic) != _format.EndMagic)
        {
            throw _format.Damaged(Path, $"it does not end with {_format.EndMagic} after its last section");
        }

        if (_stream.Position != _length)
        {
            throw _format.Damaged(Path, $"{_length - _stream.Position} bytes follow its end");
        }
    }

    /// <summary>Damage in the current section, in the format's words.</summary>
    public InvalidDataException Damaged(string section, string why) => _format.Damaged(Path, section, _payloadStart, why);

    /// <summary>Reads outside any section; false when the file ends first.</summary>
    private bool ReadRaw(Span<byte> destination) => _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) == destination.Length;

    public void Dispose() => _stream.Dispose();
}

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace FastSgns.Checkpoints;

/// <summary>
/// Writes the frame of a checkpoint (<see cref="CheckpointFormat"/>): the preamble, then sections, each an int64
/// payload length, the payload and its XxHash3. A payload is hashed as it is written, so the matrices, by far the
/// largest section, are hashed straight from the training memory without a second copy.
/// </summary>
internal sealed class CheckpointWriter
{
    private readonly Stream _stream;
    private readonly XxHash3 _hash = new();
    private string? _section;
    private long _expected;
    private long _written;
    private readonly SectionedFormat _format;

    /// <summary>Writes the preamble (magic and format version) of a checkpoint to <paramref name="stream"/>.</summary>
    public CheckpointWriter(Stream stream) : this(stream, CheckpointFormat.Frame)
    {
    }

    /// <summary>Writes the preamble (magic and format version) of <paramref name="format"/> to <paramref name="stream"/>.</summary>
    public CheckpointWriter(Stream stream, SectionedFormat format)
    {
        _stream = stream;
        _format = format;
        _stream.Write(Encoding.ASCII.GetBytes(format.Magic));
        WriteRaw(format.Version);
    }

    /// <summary>A whole section whose payload is already in memory (the small ones).</summary>
    public void WriteSection(string name, ReadOnlySpan<byte> payload)
    {
        BeginSection(name, payload.Length);
        Write(payload);
        EndSection();
    }

    /// <summary>Starts a section of exactly <paramref name="length"/> payload bytes, to be written with <see cref="Write(ReadOnlySpan{byte})"/> and its overloads.</summary>
    public void BeginSection(string name, long length)
    {
        if (_section is not null)
        {
            throw new InvalidOperationException($"Section {_section} was not ended.");
        }

        _section = name;
        _expected = length;
        _written = 0;
        _hash.Reset();
        WriteRaw(length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _hash.Append(bytes);
        _written += bytes.Length;
    }

    public void Write(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Write(bytes);
    }

    public void Write(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Write(bytes);
    }

    /// <summary>Ends the section with its checksum; the payload must have had the length announced.</summary>
    public void EndSection()
    {
        if (_written != _expected)
        {
            throw new InvalidOperationException($"Section {_section} announced {_expected} bytes but {_written} were written.");
        }

        Span<byte> hash = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, _hash.GetCurrentHashAsUInt64());
        _stream.Write(hash);
        _section = null;
    }

    /// <summary>The closing magic, so that a file cut exactly after a section is still seen as incomplete.</summary>
    public void WriteEnd()
    {
        _stream.Write(Encoding.ASCII.GetBytes(_format.EndMagic));
        _stream.Flush();
    }

    private void WriteRaw(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        _stream.Write(bytes);
    }

    private void WriteRaw(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        _stream.Write(bytes);
    }
}

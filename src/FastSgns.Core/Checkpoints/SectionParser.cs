using System.Buffers.Binary;
using System.Text;

namespace FastSgns.Checkpoints;

/// <summary>
/// Reads the values of one checkpoint section whose checksum already matched. Every read is bounded by the section:
/// a value that would run past its end, and a count that more entries would need than bytes remain for, are
/// reported as damage naming the file and the section (they can only come from a writer's bug or a forged
/// checksum, but must still never crash the reader or make it allocate what the file cannot hold).
/// </summary>
internal sealed class SectionParser(string path, string section, byte[] payload)
{
    private int _position;

    /// <summary>The format whose words report damage.</summary>
    public SectionedFormat Format { get; init; } = CheckpointFormat.Frame;

    /// <summary>The offset of the section's payload in the file, for formats that show positions.</summary>
    public long Start { get; init; }

    public int Remaining => payload.Length - _position;

    public InvalidDataException Damaged(string why) => Format.Damaged(path, section, Start, why);

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong)));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

    /// <summary>A count of entries of at least <paramref name="minimumBytes"/> each, checked against what remains.</summary>
    public int ReadCount(string what, int minimumBytes)
    {
        int count = ReadInt32();
        if (count < 0 || (long)count * minimumBytes > Remaining)
        {
            throw Damaged($"records {count} {what}, more than its {Remaining} remaining bytes can hold");
        }

        return count;
    }

    /// <summary>A 7-bit-encoded length, as <see cref="BinaryWriter.Write7BitEncodedInt(int)"/> writes it.</summary>
    public int Read7BitEncodedInt()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = Take(1)[0];
            value |= (uint)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value <= int.MaxValue ? (int)value : throw Damaged("holds an impossible length");
            }
        }

        throw Damaged("holds an impossible length");
    }

    /// <summary>The next <paramref name="length"/> bytes, without copying.</summary>
    public ReadOnlySpan<byte> ReadBytes(int length) => Take(length);

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it; invalid UTF-8 is damage.</summary>
    public string ReadString()
    {
        int length = Read7BitEncodedInt();
        ReadOnlySpan<byte> bytes = Take(length);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Damaged("holds a string that is not UTF-8");
        }
    }

    public void RequireEnd()
    {
        if (Remaining != 0)
        {
            throw Damaged($"has {Remaining} bytes after its last value");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw Damaged($"ends inside a value (byte {_position} of {payload.Length})");
        }

        var span = new ReadOnlySpan<byte>(payload, _position, length);
        _position += length;
        return span;
    }
}

using System.Buffers.Binary;
using System.IO.Hashing;

namespace FastSgns.Tests.Checkpoints;

/// <summary>
/// Where each section of a checkpoint file lies (format 6: magic, version, then per section an int64 length, the
/// payload and its XxHash3), so tests can damage one section on purpose, and forge its checksum to reach the range
/// checks behind it.
/// </summary>
internal sealed record CheckpointSections(IReadOnlyDictionary<string, (int LengthAt, int PayloadAt, int Length)> Sections)
{
    public static readonly string[] Names = ["identity", "vocabulary", "progress", "matrices"];

    public const int PreambleBytes = 8 + sizeof(int);

    public static CheckpointSections Of(byte[] file)
    {
        var sections = new Dictionary<string, (int, int, int)>();
        int at = PreambleBytes;
        foreach (string name in Names)
        {
            int length = checked((int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(at)));
            sections[name] = (at, at + sizeof(long), length);
            at += sizeof(long) + length + sizeof(ulong);
        }

        Assert.Equal(file.Length, at + 8);
        return new CheckpointSections(sections);
    }

    public (int LengthAt, int PayloadAt, int Length) this[string name] => Sections[name];

    /// <summary>Rewrites the checksum of <paramref name="name"/> to match its (changed) payload.</summary>
    public void Rehash(byte[] file, string name)
    {
        var (_, payloadAt, length) = Sections[name];
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(payloadAt + length), XxHash3.HashToUInt64(file.AsSpan(payloadAt, length)));
    }
}

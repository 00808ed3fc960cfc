using System.Buffers.Binary;
using FastSgns.Corpus;
using FastSgns.Vocabulary;

namespace FastSgns.Checkpoints;

/// <summary>
/// The front of a <see cref="TrainingCheckpoint"/>: the run's identity as key/value pairs and the vocabulary (the
/// identity and vocabulary sections of <see cref="CheckpointFormat"/>). It can be read without the matrices behind
/// it, so a resumed run takes its vocabulary from here instead of counting the corpus again, and refuses another
/// run's checkpoint before it encodes anything.
/// </summary>
internal sealed class CheckpointHeader
{
    /// <summary>The smallest a vocabulary entry can be: a 1-byte length, a 1-byte word and its int64 count.</summary>
    private const int MinimumWordBytes = 1 + 1 + sizeof(long);

    public required IReadOnlyList<KeyValuePair<string, string>> Identity { get; init; }

    /// <summary>The vocabulary the checkpoint trains; null when it was read for its identity only.</summary>
    public Vocab? Vocabulary { get; init; }

    /// <summary>Reads the identity and the vocabulary of the checkpoint at <paramref name="path"/>, not its matrices.</summary>
    public static CheckpointHeader Read(string path)
    {
        using CheckpointReader reader = CheckpointReader.Open(path);
        return Read(reader, withVocabulary: true);
    }

    /// <summary>
    /// Throws, naming the file and every difference, unless the checkpoint has the value of each of
    /// <paramref name="expected"/>'s keys (keys the caller leaves out are not compared).
    /// </summary>
    public void Verify(string path, IReadOnlyList<KeyValuePair<string, string>> expected)
    {
        var saved = new Dictionary<string, string>();
        foreach (var (key, value) in Identity)
        {
            saved[key] = value;
        }

        var differences = expected
            .Where(p => !saved.TryGetValue(p.Key, out string? value) || value != p.Value)
            .Select(p => $"{p.Key} is {p.Value} now but {saved.GetValueOrDefault(p.Key, "absent")} in the checkpoint")
            .ToList();
        if (differences.Count > 0)
        {
            throw new InvalidDataException(
                $"{path}: the checkpoint belongs to another run ({string.Join("; ", differences)}). Resume with the same input and options, or start afresh.");
        }
    }

    internal static void Write(CheckpointWriter writer, IReadOnlyList<KeyValuePair<string, string>> identity, Vocab vocabulary)
    {
        using (var buffer = new MemoryStream())
        {
            using (var binary = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                binary.Write(identity.Count);
                foreach (var (key, value) in identity)
                {
                    binary.Write(key);
                    binary.Write(value);
                }
            }

            writer.WriteSection(CheckpointFormat.Identity, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        WriteVocabulary(writer, vocabulary);
    }

    /// <summary>The vocabulary section (<see cref="CheckpointFormat"/>), shared with the model file.</summary>
    internal static void WriteVocabulary(CheckpointWriter writer, Vocab vocabulary)
    {
        // Streamed word by word: the length is known beforehand, so the vocabulary is never copied whole.
        long length = sizeof(int);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            int bytes = vocabulary.GetUtf8Word(i).Length;
            length += SevenBitLength(bytes) + bytes + sizeof(long);
        }

        writer.BeginSection(CheckpointFormat.Vocabulary, length);
        writer.Write(vocabulary.Count);
        Span<byte> scratch = stackalloc byte[8];
        for (int i = 0; i < vocabulary.Count; i++)
        {
            ReadOnlySpan<byte> word = vocabulary.GetUtf8Word(i);
            int n = 0;
            for (uint v = (uint)word.Length; ; v >>= 7)
            {
                scratch[n++] = (byte)(v >= 0x80 ? (v & 0x7f) | 0x80 : v);
                if (v < 0x80)
                {
                    break;
                }
            }

            writer.Write(scratch[..n]);
            writer.Write(word);
            BinaryPrimitives.WriteInt64LittleEndian(scratch, vocabulary.GetCount(i));
            writer.Write(scratch);
        }

        writer.EndSection();
    }

    /// <summary>Reads the identity and vocabulary sections; without the vocabulary, it only passes over it.</summary>
    internal static CheckpointHeader Read(CheckpointReader reader, bool withVocabulary)
    {
        var identity = reader.ReadSection(CheckpointFormat.Identity, section =>
        {
            var pairs = new List<KeyValuePair<string, string>>();
            for (int i = section.ReadCount("identity entries", minimumBytes: 2); i > 0; i--)
            {
                string key = section.ReadString();
                pairs.Add(new(key, section.ReadString()));
            }

            return pairs;
        });
        if (!withVocabulary)
        {
            reader.SkipSection(CheckpointFormat.Vocabulary);
            return new CheckpointHeader { Identity = identity };
        }

        Vocab vocabulary = reader.ReadSection(CheckpointFormat.Vocabulary, ReadVocabulary);
        return new CheckpointHeader { Identity = identity, Vocabulary = vocabulary };
    }

    /// <summary>Parses a vocabulary section (<see cref="WriteVocabulary"/>): at least two distinct words, positive counts.</summary>
    internal static Vocab ReadVocabulary(SectionParser section)
    {
        int count = section.ReadCount("words", MinimumWordBytes);
        if (count < 2)
        {
            throw section.Damaged($"holds {count} words; training needs at least 2");
        }

        var table = new Utf8WordTable(count);
        for (int i = 0; i < count; i++)
        {
            int length = section.Read7BitEncodedInt();
            if (length is < 1 or > Tokenizer.MaxTokenBytes)
            {
                throw section.Damaged($"says word {i} is {length} bytes long");
            }

            ReadOnlySpan<byte> word = section.ReadBytes(length);
            long wordCount = section.ReadInt64();
            if (wordCount <= 0 || table.Add(word, wordCount) != i)
            {
                throw section.Damaged($"gives word {i} the count {wordCount} or holds it twice");
            }
        }

        return Vocab.FromOrdered(table);
    }

    private static int SevenBitLength(int value)
    {
        int bytes = 1;
        for (uint v = (uint)value; v >= 0x80; v >>= 7)
        {
            bytes++;
        }

        return bytes;
    }
}

using System.Text;
using FastSgns.Corpus;
using FastSgns.Vocabulary;

namespace FastSgns.Checkpoints;

/// <summary>
/// The front of a <see cref="TrainingCheckpoint"/>: "FSGNSCKP", int32 format version, the run's identity as
/// key/value pairs, then the vocabulary (int64 section length; int32 word count; per word, in id order, its UTF-8
/// bytes behind a 7-bit-encoded length and an int64 count). It can be read without the matrices behind it, so a
/// resumed run takes its vocabulary from here instead of counting the corpus again, and refuses another run's
/// checkpoint before it encodes anything.
/// </summary>
internal sealed class CheckpointHeader
{
    internal const string Magic = "FSGNSCKP";

    /// <summary>2: the vocabulary is stored. Version 1 held only a hash of it, so a resume had to count it again.</summary>
    internal const int Version = 2;

    public required IReadOnlyList<KeyValuePair<string, string>> Identity { get; init; }

    /// <summary>The vocabulary the checkpoint trains; null when it was read for its identity only.</summary>
    public Vocab? Vocabulary { get; init; }

    /// <summary>Reads the identity and the vocabulary of the checkpoint at <paramref name="path"/>, not its matrices.</summary>
    public static CheckpointHeader Read(string path) => ReadFile(path, (_, reader) => Read(reader, path, withVocabulary: true));

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
                $"{path}: the checkpoint belongs to another run ({string.Join("; ", differences)}). Resume with the same input and options, or start afresh without --resume.");
        }
    }

    internal static void Write(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, string>> identity, Vocab vocabulary)
    {
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Version);
        writer.Write(identity.Count);
        foreach (var (key, value) in identity)
        {
            writer.Write(key);
            writer.Write(value);
        }

        // The length first, so that a reader that needs only the identity can seek past the words.
        long length = sizeof(int);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            int bytes = vocabulary.GetUtf8Word(i).Length;
            length += SevenBitLength(bytes) + bytes + sizeof(long);
        }

        writer.Write(length);
        writer.Write(vocabulary.Count);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            ReadOnlySpan<byte> word = vocabulary.GetUtf8Word(i);
            writer.Write7BitEncodedInt(word.Length);
            writer.Write(word);
            writer.Write(vocabulary.GetCount(i));
        }
    }

    /// <summary>
    /// Opens a checkpoint and runs <paramref name="read"/> on it, turning the end of the file met too early into a
    /// "truncated" error and an impossible length into a "damaged" one, both naming the file.
    /// </summary>
    internal static T ReadFile<T>(string path, Func<Stream, BinaryReader, T> read)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return read(stream, reader);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the checkpoint is truncated.");
        }
        catch (FormatException)
        {
            throw Damaged(path, "a length in it is impossible");
        }
    }

    /// <summary>Reads the header at the reader's position; without the vocabulary, it only seeks past it.</summary>
    internal static CheckpointHeader Read(BinaryReader reader, string path, bool withVocabulary)
    {
        byte[] magic = reader.ReadBytes(Magic.Length);
        if (Encoding.ASCII.GetString(magic) != Magic)
        {
            throw new InvalidDataException($"{path}: not a FastSgns checkpoint.");
        }

        int version = reader.ReadInt32();
        if (version != Version)
        {
            string writer = version < Version ? "an older" : "a newer";
            throw new InvalidDataException(
                $"{path}: the checkpoint was written by {writer} FastSgns (format {version}; this one reads format {Version}); start afresh without --resume.");
        }

        var identity = new List<KeyValuePair<string, string>>();
        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            string key = reader.ReadString();
            identity.Add(new(key, reader.ReadString()));
        }

        long length = reader.ReadInt64();
        if (length < sizeof(int))
        {
            throw Damaged(path, $"its vocabulary is recorded as {length} bytes long");
        }

        if (!withVocabulary)
        {
            reader.BaseStream.Seek(length, SeekOrigin.Current);
            return new CheckpointHeader { Identity = identity };
        }

        long start = reader.BaseStream.Position;
        Vocab vocabulary = ReadVocabulary(reader, path);
        if (reader.BaseStream.Position - start != length)
        {
            throw Damaged(path, "its vocabulary does not have the length recorded");
        }

        return new CheckpointHeader { Identity = identity, Vocabulary = vocabulary };
    }

    private static Vocab ReadVocabulary(BinaryReader reader, string path)
    {
        int count = reader.ReadInt32();
        if (count < 2)
        {
            throw Damaged(path, $"its vocabulary has {count} words");
        }

        // Capped: a damaged count must not allocate gigabytes before the words run out.
        var table = new Utf8WordTable(Math.Min(count, 1 << 20));
        Span<byte> word = stackalloc byte[Tokenizer.MaxTokenBytes];
        for (int i = 0; i < count; i++)
        {
            int length = reader.Read7BitEncodedInt();
            if (length is < 1 or > Tokenizer.MaxTokenBytes)
            {
                throw Damaged(path, $"word {i} of its vocabulary is {length} bytes long");
            }

            reader.BaseStream.ReadExactly(word[..length]);
            long wordCount = reader.ReadInt64();
            if (wordCount <= 0 || table.Add(word[..length], wordCount) != i)
            {
                throw Damaged(path, $"word {i} of its vocabulary has count {wordCount} or appears twice");
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

    private static InvalidDataException Damaged(string path, string why) =>
        new($"{path}: the checkpoint is damaged ({why}).");
}

using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using FastSgns.Embeddings;
using FastSgns.IO;
using FastSgns.Vocabulary;

namespace FastSgns.Checkpoints;

/// <summary>
/// A full model on disk (<see cref="ModelFileFormat"/>): the options that shaped it, the vocabulary with its counts,
/// where its learning-rate schedule stands and its matrices, so that training can continue from it. An instance holds
/// everything but the matrices, which are streamed straight into training memory by <see cref="ReadMatrices"/>.
/// </summary>
internal sealed record ModelFile
{
    /// <summary>The smallest a schedule can be: int32, two int64, a 1-byte string, int32 and one generator.</summary>
    private const int MinimumScheduleBytes = sizeof(int) + 2 * sizeof(long) + 1 + sizeof(int) + sizeof(ulong);

    public required string Path { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Options { get; init; }

    public required Vocab Vocabulary { get; init; }

    public required ModelSchedule Schedule { get; init; }

    public required int Dim { get; init; }

    /// <summary>Whether the file holds hierarchical softmax's tree matrix (syn1), words − 1 rows.</summary>
    public required bool HasTree { get; init; }

    /// <summary>
    /// A fingerprint of the whole file, from the checksums stored behind its sections (the matrices' too, without
    /// reading them): what a continued run's checkpoint records to know the model it continues.
    /// </summary>
    public required string Checksum { get; init; }

    /// <summary>Where the options section's payload starts, for reports of options that cannot be used.</summary>
    private long OptionsStart { get; init; }

    /// <summary>An option of the file that is unknown or out of range, reported as damage of its options section.</summary>
    public InvalidDataException DamagedOptions(string why) => ModelFileFormat.Frame.Damaged(Path, ModelFileFormat.Options, OptionsStart, why);

    /// <summary>Writes the model atomically (<see cref="AtomicFile"/>); the matrices are hashed straight from training memory.</summary>
    /// <param name="tree">Hierarchical softmax's inner-node matrix (syn1, words − 1 rows), or null without it.</param>
    public static void Save(string path, IReadOnlyList<KeyValuePair<string, string>> options, Vocab vocabulary, ModelSchedule schedule,
        EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree)
    {
        if (vocabulary.Count != input.Rows || output.Rows != input.Rows || output.Dim != input.Dim)
        {
            throw new ArgumentException(
                $"A model needs two matrices of one row per vocabulary word; got {vocabulary.Count} words, {input.Rows}×{input.Dim} and {output.Rows}×{output.Dim}.");
        }

        if (tree is not null && (tree.Rows != input.Rows - 1 || tree.Dim != input.Dim))
        {
            throw new ArgumentException($"The tree matrix needs {input.Rows - 1}×{input.Dim} values (one row per inner node); got {tree.Rows}×{tree.Dim}.");
        }

        string[] matrices = ModelFileFormat.Matrices(tree is not null);
        AtomicFile.Write(path, stream =>
        {
            // Not disposed: that would close the stream AtomicFile still has to flush to disk.
            var buffered = new BufferedStream(stream, 1 << 20);
            var writer = new CheckpointWriter(buffered, ModelFileFormat.Frame);
            writer.WriteSection(ModelFileFormat.Options, Payload(binary =>
            {
                binary.Write(options.Count);
                foreach (var (key, value) in options)
                {
                    binary.Write(key);
                    binary.Write(value);
                }
            }));
            CheckpointHeader.WriteVocabulary(writer, vocabulary);
            writer.WriteSection(ModelFileFormat.Schedule, Payload(binary =>
            {
                binary.Write(schedule.EpochsDone);
                binary.Write(schedule.WordsProcessed);
                binary.Write(schedule.WordsPerEpoch);
                binary.Write(schedule.Input);
                binary.Write(schedule.Generators.Length);
                foreach (ulong generator in schedule.Generators)
                {
                    binary.Write(generator);
                }
            }));
            writer.WriteSection(ModelFileFormat.Layout, Payload(binary =>
            {
                binary.Write(input.Dim);
                binary.Write(matrices.Length);
                foreach (string name in matrices)
                {
                    binary.Write(name);
                }
            }));
            WriteMatrix(writer, ModelFileFormat.InputMatrix, input);
            WriteMatrix(writer, ModelFileFormat.OutputMatrix, output);
            if (tree is not null)
            {
                WriteMatrix(writer, ModelFileFormat.TreeMatrix, tree);
            }

            writer.WriteEnd();
            buffered.Flush();
        });
    }

    /// <summary>Reads and checks everything but the matrices (which are passed over, unchecked, to be read later).</summary>
    public static ModelFile ReadHeader(string path)
    {
        using CheckpointReader reader = Open(path);
        var fingerprint = new XxHash3();
        (ModelFile header, bool hasTree) = ReadHeader(reader, fingerprint);
        foreach (string name in ModelFileFormat.Matrices(hasTree))
        {
            reader.SkipSection(name);
            Append(fingerprint, reader.StoredChecksum);
        }

        return header with { Checksum = fingerprint.GetCurrentHashAsUInt64().ToString("x16", CultureInfo.InvariantCulture) };
    }

    /// <summary>
    /// Reads the file again, checks every section, and streams the matrices into the first rows of
    /// <paramref name="input"/> and <paramref name="output"/> (which may have more rows, for words added since) and,
    /// when <paramref name="tree"/> is given, the file's tree matrix into it (same shape: the tree must be the saved
    /// one); returns the header. After a damaged matrix section the matrices' contents are undefined and must not be used.
    /// </summary>
    public static ModelFile ReadMatrices(string path, EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree)
    {
        using CheckpointReader reader = Open(path);
        (ModelFile header, bool hasTree) = ReadHeader(reader, fingerprint: null);
        int words = header.Vocabulary.Count;
        if (input.Rows < words || output.Rows < words || input.Dim != header.Dim || output.Dim != header.Dim)
        {
            throw new ArgumentException($"The matrices ({input.Rows}×{input.Dim}, {output.Rows}×{output.Dim}) cannot hold the model's {words}×{header.Dim}.");
        }

        if (tree is not null && (!hasTree || tree.Rows != words - 1 || tree.Dim != header.Dim))
        {
            throw new ArgumentException($"The tree matrix ({tree.Rows}×{tree.Dim}) is not the model's ({(hasTree ? $"{words - 1}×{header.Dim}" : "none")}).");
        }

        ReadMatrix(reader, ModelFileFormat.InputMatrix, input, words, header.Dim);
        ReadMatrix(reader, ModelFileFormat.OutputMatrix, output, words, header.Dim);
        if (hasTree)
        {
            // Without a tree to fill (the vocabulary changed, so the tree did) it is still read whole: damage is damage.
            using EmbeddingMatrix? scratch = tree is null ? new EmbeddingMatrix(Math.Max(1, words - 1), header.Dim) : null;
            ReadMatrix(reader, ModelFileFormat.TreeMatrix, tree ?? scratch!, words - 1, header.Dim);
        }

        reader.ReadEnd();
        return header;
    }

    private static CheckpointReader Open(string path) =>
        File.Exists(path) ? CheckpointReader.Open(path, ModelFileFormat.Frame) : throw new FileNotFoundException($"{path}: no such model file.", path);

    private static (ModelFile Header, bool HasTree) ReadHeader(CheckpointReader reader, XxHash3? fingerprint)
    {
        long optionsStart = 0;
        var options = reader.ReadSection(ModelFileFormat.Options, section =>
        {
            optionsStart = section.Start;
            var pairs = new List<KeyValuePair<string, string>>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (int i = section.ReadCount("options", minimumBytes: 2); i > 0; i--)
            {
                string key = section.ReadString();
                pairs.Add(new(key, section.ReadString()));
                if (!keys.Add(key))
                {
                    throw section.Damaged($"holds the option {key} twice");
                }
            }

            return pairs;
        });
        Append(fingerprint, reader.StoredChecksum);
        Vocab vocabulary = reader.ReadSection(ModelFileFormat.Vocabulary, CheckpointHeader.ReadVocabulary);
        Append(fingerprint, reader.StoredChecksum);
        ModelSchedule schedule = reader.ReadSection(ModelFileFormat.Schedule, ReadSchedule);
        Append(fingerprint, reader.StoredChecksum);
        (int dim, bool hasTree) = reader.ReadSection(ModelFileFormat.Layout, section => ReadLayout(section, reader.Version));
        Append(fingerprint, reader.StoredChecksum);
        var header = new ModelFile
        {
            Path = reader.Path, Options = options, Vocabulary = vocabulary, Schedule = schedule, Dim = dim, HasTree = hasTree, Checksum = "",
            OptionsStart = optionsStart,
        };
        return (header, hasTree);
    }

    private static void Append(XxHash3? fingerprint, ulong checksum)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, checksum);
        fingerprint?.Append(bytes);
    }

    private static ModelSchedule ReadSchedule(SectionParser section)
    {
        if (section.Remaining < MinimumScheduleBytes)
        {
            throw section.Damaged($"is {section.Remaining} bytes long; a schedule needs at least {MinimumScheduleBytes}");
        }

        int epochs = section.ReadInt32();
        long words = section.ReadInt64();
        long perEpoch = section.ReadInt64();
        string input = section.ReadString();
        if (epochs is < 0 or > 100_000 || perEpoch < 0 || words < 0 || (perEpoch > 0 && words / perEpoch > epochs) || (perEpoch == 0 && words != 0))
        {
            throw section.Damaged($"records {words} words processed in {epochs} epochs of {perEpoch} words");
        }

        int count = section.ReadCount("workers", sizeof(ulong));
        if (count is < 1 or > 1024)
        {
            throw section.Damaged($"records {count} workers, outside 1 to 1024");
        }

        var generators = new ulong[count];
        for (int t = 0; t < count; t++)
        {
            generators[t] = section.ReadUInt64();
        }

        return new ModelSchedule(epochs, words, perEpoch, input, generators);
    }

    private static (int Dim, bool HasTree) ReadLayout(SectionParser section, int version)
    {
        int dim = section.ReadInt32();
        if (dim is < 1 or > 10_000)
        {
            throw section.Damaged($"gives the dimension {dim}, outside 1 to 10000");
        }

        int count = section.ReadCount("matrices", minimumBytes: 2);
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = section.ReadString();
        }

        // Format 1 had no tree matrix; format 2 has it exactly with hierarchical softmax.
        bool hasTree = version >= 2 && names.SequenceEqual(ModelFileFormat.Matrices(tree: true));
        if (!hasTree && !names.SequenceEqual(ModelFileFormat.Matrices(tree: false)))
        {
            string known = version >= 2 ? $"{string.Join(", ", ModelFileFormat.Matrices(false))} (and {ModelFileFormat.TreeMatrix})" : string.Join(", ", ModelFileFormat.Matrices(false));
            throw section.Damaged($"lists the matrices {string.Join(", ", names)} where format {version} has {known}");
        }

        return (dim, hasTree);
    }

    private static void WriteMatrix(CheckpointWriter writer, string name, EmbeddingMatrix matrix)
    {
        writer.BeginSection(name, MatrixBytes(matrix.Rows, matrix.Dim));
        writer.Write(matrix.Rows);
        writer.Write(matrix.Dim);
        for (int r = 0; r < matrix.Rows; r++)
        {
            writer.Write(MemoryMarshal.AsBytes<float>(matrix.Row(r)));
        }

        writer.EndSection();
    }

    private static void ReadMatrix(CheckpointReader reader, string name, EmbeddingMatrix matrix, int expectedRows, int expectedDim)
    {
        long length = reader.BeginSection(name);
        int rows = length >= 2 * sizeof(int) ? reader.ReadInt32() : -1;
        int dim = length >= 2 * sizeof(int) ? reader.ReadInt32() : -1;
        if (rows != expectedRows || dim != expectedDim || length != MatrixBytes(expectedRows, expectedDim))
        {
            throw reader.Damaged(name, $"holds {rows}×{dim} values in {length} bytes; the vocabulary and the layout need {expectedRows}×{expectedDim}");
        }

        for (int r = 0; r < rows; r++)
        {
            reader.Read(MemoryMarshal.AsBytes(matrix.Row(r)));
        }

        reader.EndSection();
        for (int r = 0; r < rows; r++)
        {
            // Checked after the checksum, so a NaN here was written as such: the file is damaged.
            foreach (float v in matrix.Row(r))
            {
                if (!float.IsFinite(v))
                {
                    throw reader.Damaged(name, $"holds a value that is not a finite number in row {r}");
                }
            }
        }
    }

    private static long MatrixBytes(int rows, int dim) => 2 * sizeof(int) + (long)rows * dim * sizeof(float);

    private static byte[] Payload(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var binary = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(binary);
        }

        return buffer.ToArray();
    }
}

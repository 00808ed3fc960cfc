using System.Runtime.InteropServices;
using FastSgns.Embeddings;
using FastSgns.IO;
using FastSgns.Vocabulary;

namespace FastSgns.Checkpoints;

/// <summary>
/// A training checkpoint: the <see cref="CheckpointHeader"/> (the run's identity, the vocabulary), the shared word
/// count and every worker's <see cref="WorkerState"/>, then the matrices (input, output, and the hierarchical-softmax
/// tree when the run has one); the layout is <see cref="CheckpointFormat"/>.
/// </summary>
internal sealed class TrainingCheckpoint
{
    /// <summary>A worker's state on disk: int32 epoch, int64 position, int64 words, uint64 generator, double loss, int64 pairs.</summary>
    private const int StateBytes = sizeof(int) + 3 * sizeof(long) + sizeof(ulong) + sizeof(double);

    /// <summary>A worker on disk: its state and the int64 end of its last epoch.</summary>
    private const int WorkerBytes = StateBytes + sizeof(long);

    /// <summary>The least a moved entry takes: int32 taker, a state, int32 range count, one range.</summary>
    private const int MovedBytes = sizeof(int) + StateBytes + sizeof(int) + 2 * sizeof(long);

    public required IReadOnlyList<KeyValuePair<string, string>> Identity { get; init; }
    public required long WordsProcessed { get; init; }
    public required WorkerState[] Workers { get; init; }

    /// <summary>
    /// Where each worker's last epoch ends: its slice end, or a cut a distributed run made (the ids past it went to
    /// another process, <see cref="Moved"/>); null: every slice end.
    /// </summary>
    public long[]? Ends { get; init; }

    /// <summary>Ids a distributed run moved between processes that are still to train (<see cref="MovedWork"/>).</summary>
    public MovedWork[] Moved { get; init; } = [];

    /// <summary>Writes the checkpoint, with the vocabulary the matrices' rows belong to, atomically (<see cref="AtomicFile"/>).</summary>
    public void Save(string path, Vocab vocabulary, EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree = null)
    {
        if (vocabulary.Count != input.Rows || output.Rows != input.Rows || output.Dim != input.Dim
            || (tree is not null && (tree.Rows != input.Rows - 1 || tree.Dim != input.Dim)))
        {
            throw new ArgumentException(
                $"A checkpoint needs two matrices of one row per vocabulary word (and a tree of one less); got {vocabulary.Count} words, {input.Rows}×{input.Dim}, {output.Rows}×{output.Dim}{(tree is null ? "" : $" and {tree.Rows}×{tree.Dim}")}.");
        }

        AtomicFile.Write(path, stream => Write(stream, vocabulary, input, output, tree));
    }

    private void Write(Stream stream, Vocab vocabulary, EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree)
    {
        // Not disposed: that would close the stream AtomicFile still has to flush to disk.
        var buffered = new BufferedStream(stream, 1 << 20);
        var writer = new CheckpointWriter(buffered);
        CheckpointHeader.Write(writer, Identity, vocabulary);

        using (var progress = new MemoryStream())
        {
            using (var binary = new BinaryWriter(progress, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                binary.Write(WordsProcessed);
                binary.Write(Workers.Length);
                for (int t = 0; t < Workers.Length; t++)
                {
                    WriteState(binary, Workers[t]);
                    binary.Write(Ends?[t] ?? long.MaxValue);
                }

                binary.Write(Moved.Length);
                foreach (MovedWork moved in Moved)
                {
                    binary.Write(moved.Taker);
                    WriteState(binary, moved.State);
                    binary.Write(moved.Left.Length);
                    foreach ((long from, long to) in moved.Left)
                    {
                        binary.Write(from);
                        binary.Write(to);
                    }
                }
            }

            writer.WriteSection(CheckpointFormat.Progress, progress.GetBuffer().AsSpan(0, (int)progress.Length));
        }

        // Row by row from the training memory, hashed on the way out: no copy of the matrices is made.
        int treeRows = tree?.Rows ?? 0;
        writer.BeginSection(CheckpointFormat.Matrices, MatricesBytes(input.Rows, input.Dim, treeRows));
        writer.Write(input.Rows);
        writer.Write(input.Dim);
        writer.Write(treeRows);
        foreach (EmbeddingMatrix matrix in tree is null ? new[] { input, output } : [input, output, tree])
        {
            for (int r = 0; r < matrix.Rows; r++)
            {
                writer.Write(MemoryMarshal.AsBytes<float>(matrix.Row(r)));
            }
        }

        writer.EndSection();
        writer.WriteEnd();
        buffered.Flush();
    }

    private static void WriteState(BinaryWriter binary, WorkerState w)
    {
        binary.Write(w.Epoch);
        binary.Write(w.Position);
        binary.Write(w.Words);
        binary.Write(w.Random);
        binary.Write(w.Loss);
        binary.Write(w.Pairs);
    }

    private static WorkerState ReadState(SectionParser section) =>
        new(section.ReadInt32(), section.ReadInt64(), section.ReadInt64(), section.ReadUInt64(), section.ReadDouble(), section.ReadInt64());

    private static long MatricesBytes(int rows, int dim, int treeRows) => 3 * sizeof(int) + (2L * rows + treeRows) * dim * sizeof(float);

    /// <summary>
    /// Reads a checkpoint, first checking that it was written for a run with this <paramref name="identity"/> and
    /// that its progress fits <paramref name="bounds"/>, then filling <paramref name="input"/> and
    /// <paramref name="output"/>. The vocabulary is passed over: the caller built the matrices from it
    /// (<see cref="CheckpointHeader.Read(string)"/>). Errors name the file and what differs or is damaged; after a
    /// damaged matrices section the matrices' contents are undefined and must not be trained.
    /// </summary>
    public static TrainingCheckpoint Load(string path, IReadOnlyList<KeyValuePair<string, string>> identity, ResumeBounds bounds,
        EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree = null)
    {
        using CheckpointReader reader = CheckpointReader.Open(path);
        CheckpointHeader.Read(reader, withVocabulary: false).Verify(path, identity);
        TrainingCheckpoint progress = reader.ReadSection(CheckpointFormat.Progress, section => ReadProgress(section, identity, bounds));

        long length = reader.BeginSection(CheckpointFormat.Matrices);
        int rows = length >= 3 * sizeof(int) ? reader.ReadInt32() : -1;
        int dim = length >= 3 * sizeof(int) ? reader.ReadInt32() : -1;
        int treeRows = length >= 3 * sizeof(int) ? reader.ReadInt32() : -1;
        int expectedTree = tree?.Rows ?? 0;
        if (rows != input.Rows || dim != input.Dim || treeRows != expectedTree || length != MatricesBytes(input.Rows, input.Dim, expectedTree))
        {
            throw CheckpointFormat.Damaged(path, CheckpointFormat.Matrices,
                $"holds {rows}×{dim} vectors and {treeRows} tree rows in {length} bytes; the vocabulary and dim need 2 × {input.Rows}×{input.Dim} and {expectedTree} tree rows");
        }

        foreach (EmbeddingMatrix matrix in tree is null ? new[] { input, output } : [input, output, tree])
        {
            for (int r = 0; r < matrix.Rows; r++)
            {
                reader.Read(MemoryMarshal.AsBytes(matrix.Row(r)));
            }
        }

        reader.EndSection();
        reader.ReadEnd();

        // Checked after the checksum, so a NaN here was written as such: the file is damaged, the user's alpha is not to blame.
        if (!input.AllFinite() || !output.AllFinite() || tree?.AllFinite() == false)
        {
            throw CheckpointFormat.Damaged(path, CheckpointFormat.Matrices, "holds values that are not finite numbers");
        }

        return progress;
    }

    private static TrainingCheckpoint ReadProgress(SectionParser section, IReadOnlyList<KeyValuePair<string, string>> identity, ResumeBounds bounds)
    {
        long words = section.ReadInt64();
        if (words < 0 || words > bounds.TotalWords)
        {
            throw section.Damaged($"counts {words} words processed, outside 0 to {bounds.TotalWords}");
        }

        int count = section.ReadCount("workers", WorkerBytes);
        if (count != bounds.Workers)
        {
            throw section.Damaged($"holds {count} workers where the run has {bounds.Workers}");
        }

        var workers = new WorkerState[count];
        var ends = new long[count];
        for (int t = 0; t < count; t++)
        {
            WorkerState w = ReadState(section);
            long start = bounds.SliceBounds[t], end = bounds.SliceBounds[t + 1];
            long last = section.ReadInt64();
            ends[t] = last == long.MaxValue ? end : last;
            string? wrong = Wrong(w, start, end, words, bounds)
                ?? (ends[t] < start || ends[t] > end ? $"its last epoch's end {last}, outside its slice {start} to {end}" : null);
            if (wrong is not null)
            {
                throw section.Damaged($"gives worker {t} {wrong}");
            }

            workers[t] = w;
        }

        MovedWork[] moved = ReadMoved(section, words, bounds, ends);
        return new TrainingCheckpoint { Identity = identity, WordsProcessed = words, Workers = workers, Ends = ends, Moved = moved };
    }

    /// <summary>What is wrong with a worker's state, or null.</summary>
    private static string? Wrong(WorkerState w, long start, long end, long words, ResumeBounds bounds) =>
        w.Epoch < 0 || w.Epoch > bounds.Epochs ? $"epoch {w.Epoch}, outside 0 to {bounds.Epochs}" :
        w.Position < start || w.Position > end ? $"position {w.Position}, outside its slice {start} to {end}" :
        w.Words < 0 || w.Words > words ? $"{w.Words} words, outside 0 to the {words} processed in all" :
        !double.IsFinite(w.Loss) ? $"loss {w.Loss}" :
        w.Pairs < 0 ? $"{w.Pairs} pairs" : null;

    /// <summary>
    /// The moved ids still to train: each range non-empty, inside what some worker's cut moved off its slice
    /// ([end of its last epoch, slice end)), and no id in two ranges, so a resumed run trains each exactly once.
    /// </summary>
    private static MovedWork[] ReadMoved(SectionParser section, long words, ResumeBounds bounds, long[] ends)
    {
        int count = section.ReadCount("moved ranges", MovedBytes);
        var moved = new MovedWork[count];
        var all = new List<(long From, long To)>();
        for (int i = 0; i < count; i++)
        {
            int taker = section.ReadInt32();
            WorkerState state = ReadState(section);
            var left = new (long From, long To)[section.ReadCount("ranges", 2 * sizeof(long))];
            for (int r = 0; r < left.Length; r++)
            {
                left[r] = (section.ReadInt64(), section.ReadInt64());
                bool inside = false;
                for (int t = 0; t < ends.Length && !inside; t++)
                {
                    inside = left[r].From >= ends[t] && left[r].To <= bounds.SliceBounds[t + 1] && left[r].From < left[r].To;
                }

                if (!inside)
                {
                    throw section.Damaged($"gives moved entry {i} the ids {left[r].From} to {left[r].To}, which no worker's cut moved");
                }

                all.Add(left[r]);
            }

            string? wrong = taker < 0 || taker >= bounds.Shards ? $"taker {taker}, outside 0 to {bounds.Shards - 1}"
                : left.Length == 0 ? "no ids" : Wrong(state, 0, long.MaxValue, words, bounds);
            if (wrong is not null)
            {
                throw section.Damaged($"gives moved entry {i} {wrong}");
            }

            moved[i] = new MovedWork(taker, left, state);
        }

        all.Sort();
        for (int i = 1; i < all.Count; i++)
        {
            if (all[i].From < all[i - 1].To)
            {
                throw section.Damaged($"moves the ids {all[i].From} to {Math.Min(all[i].To, all[i - 1].To)} twice");
            }
        }

        return moved;
    }
}

using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Embeddings;
using FastSgns.Writers;

namespace FastSgns.Training;

/// <summary>
/// A training checkpoint: the identity of the run (options that shape the result, vocabulary, encoded corpus) as
/// key/value pairs, the shared word count, every worker's <see cref="WorkerState"/>, then both matrices (input and
/// output vectors, rows × dim float32, little-endian). Layout: "FSGNSCKP", int32 version, the pairs, the progress,
/// the matrices, and the magic again so a truncated file is recognized.
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string Magic = "FSGNSCKP";
    private const int Version = 1;

    public required IReadOnlyList<KeyValuePair<string, string>> Identity { get; init; }
    public required long WordsProcessed { get; init; }
    public required WorkerState[] Workers { get; init; }

    /// <summary>Writes the checkpoint atomically (<see cref="AtomicFile"/>).</summary>
    public void Save(string path, EmbeddingMatrix input, EmbeddingMatrix output) => AtomicFile.Write(path, stream =>
    {
        // Not disposed: that would close the stream AtomicFile still has to flush to disk.
        var writer = new BinaryWriter(new BufferedStream(stream, 1 << 20), Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Version);
        writer.Write(Identity.Count);
        foreach (var (key, value) in Identity)
        {
            writer.Write(key);
            writer.Write(value);
        }

        writer.Write(WordsProcessed);
        writer.Write(Workers.Length);
        foreach (WorkerState w in Workers)
        {
            writer.Write(w.Epoch);
            writer.Write(w.Position);
            writer.Write(w.Words);
            writer.Write(w.Random);
            writer.Write(w.Loss);
            writer.Write(w.Pairs);
        }

        writer.Write(input.Rows);
        writer.Write(input.Dim);
        foreach (EmbeddingMatrix matrix in new[] { input, output })
        {
            for (int r = 0; r < matrix.Rows; r++)
            {
                writer.Write(MemoryMarshal.AsBytes<float>(matrix.Row(r)));
            }
        }

        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Flush();
    });

    /// <summary>
    /// Reads a checkpoint, first checking that it was written for a run with this <paramref name="identity"/>, then
    /// filling <paramref name="input"/> and <paramref name="output"/>. Errors name the file and what differs.
    /// </summary>
    public static TrainingCheckpoint Load(string path, IReadOnlyList<KeyValuePair<string, string>> identity, EmbeddingMatrix input, EmbeddingMatrix output)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic || reader.ReadInt32() != Version)
            {
                throw new InvalidDataException($"{path}: not a FastSgns checkpoint (or one of another version).");
            }

            var saved = new Dictionary<string, string>();
            for (int i = reader.ReadInt32(); i > 0; i--)
            {
                string key = reader.ReadString();
                saved[key] = reader.ReadString();
            }

            var differences = identity
                .Where(p => !saved.TryGetValue(p.Key, out string? value) || value != p.Value)
                .Select(p => $"{p.Key} is {p.Value} now but {saved.GetValueOrDefault(p.Key, "absent")} in the checkpoint")
                .ToList();
            if (differences.Count > 0)
            {
                throw new InvalidDataException(
                    $"{path}: the checkpoint belongs to another run ({string.Join("; ", differences)}). Resume with the same input and options, or start afresh without --resume.");
            }

            long words = reader.ReadInt64();
            var workers = new WorkerState[reader.ReadInt32()];
            for (int t = 0; t < workers.Length; t++)
            {
                workers[t] = new WorkerState(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadDouble(), reader.ReadInt64());
            }

            if (reader.ReadInt32() != input.Rows || reader.ReadInt32() != input.Dim)
            {
                throw new InvalidDataException($"{path}: the checkpoint's matrices do not match the vocabulary and --dim.");
            }

            foreach (EmbeddingMatrix matrix in new[] { input, output })
            {
                for (int r = 0; r < matrix.Rows; r++)
                {
                    stream.ReadExactly(MemoryMarshal.AsBytes(matrix.Row(r)));
                }
            }

            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            {
                throw new InvalidDataException($"{path}: the checkpoint is damaged (it does not end as written).");
            }

            return new TrainingCheckpoint { Identity = identity, WordsProcessed = words, Workers = workers };
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the checkpoint is truncated.");
        }
    }
}

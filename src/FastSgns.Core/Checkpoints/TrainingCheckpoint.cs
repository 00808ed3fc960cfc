using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Embeddings;
using FastSgns.IO;
using FastSgns.Vocabulary;

namespace FastSgns.Checkpoints;

/// <summary>
/// A training checkpoint: the <see cref="CheckpointHeader"/> (format version, the identity of the run as key/value
/// pairs, the vocabulary), the shared word count, every worker's <see cref="WorkerState"/>, then both matrices (input
/// and output vectors, rows × dim float32, little-endian), and the magic again so a truncated file is recognized.
/// </summary>
internal sealed class TrainingCheckpoint
{
    public required IReadOnlyList<KeyValuePair<string, string>> Identity { get; init; }
    public required long WordsProcessed { get; init; }
    public required WorkerState[] Workers { get; init; }

    /// <summary>Writes the checkpoint, with the vocabulary the matrices' rows belong to, atomically (<see cref="AtomicFile"/>).</summary>
    public void Save(string path, Vocab vocabulary, EmbeddingMatrix input, EmbeddingMatrix output)
    {
        if (vocabulary.Count != input.Rows || output.Rows != input.Rows || output.Dim != input.Dim)
        {
            throw new ArgumentException(
                $"A checkpoint needs two matrices of one row per vocabulary word; got {vocabulary.Count} words, {input.Rows}×{input.Dim} and {output.Rows}×{output.Dim}.");
        }

        AtomicFile.Write(path, stream => Write(stream, vocabulary, input, output));
    }

    private void Write(Stream stream, Vocab vocabulary, EmbeddingMatrix input, EmbeddingMatrix output)
    {
        // Not disposed: that would close the stream AtomicFile still has to flush to disk.
        var writer = new BinaryWriter(new BufferedStream(stream, 1 << 20), Encoding.UTF8, leaveOpen: true);
        CheckpointHeader.Write(writer, Identity, vocabulary);
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

        writer.Write(Encoding.ASCII.GetBytes(CheckpointHeader.Magic));
        writer.Flush();
    }

    /// <summary>
    /// Reads a checkpoint, first checking that it was written for a run with this <paramref name="identity"/>, then
    /// filling <paramref name="input"/> and <paramref name="output"/>. The vocabulary is skipped: the caller built
    /// the matrices from it (<see cref="CheckpointHeader.Read(string)"/>). Errors name the file and what differs.
    /// </summary>
    public static TrainingCheckpoint Load(string path, IReadOnlyList<KeyValuePair<string, string>> identity, EmbeddingMatrix input, EmbeddingMatrix output) =>
        CheckpointHeader.ReadFile(path, (stream, reader) =>
        {
            CheckpointHeader.Read(reader, path, withVocabulary: false).Verify(path, identity);
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

            if (Encoding.ASCII.GetString(reader.ReadBytes(CheckpointHeader.Magic.Length)) != CheckpointHeader.Magic)
            {
                throw new InvalidDataException($"{path}: the checkpoint is damaged (it does not end as written).");
            }

            return new TrainingCheckpoint { Identity = identity, WordsProcessed = words, Workers = workers };
        });
}

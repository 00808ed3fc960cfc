using System.Globalization;
using System.Text;
using FastSgns.Embeddings;
using FastSgns.IO;

namespace FastSgns.Writers;

/// <summary>
/// Writes the two files TensorBoard's Embedding Projector (projector.tensorflow.org, "Load") reads: vectors.tsv,
/// one row of tab-separated values per word, and metadata.tsv, one word per line in the same order. A single
/// metadata column must have no header line. Each file is written atomically.
/// </summary>
internal static class ProjectorWriter
{
    public const string VectorsFile = "vectors.tsv";
    public const string MetadataFile = "metadata.tsv";

    /// <summary>Writes the first <paramref name="limit"/> words (the projector is sluggish past ~100k points).</summary>
    public static void Save(WordEmbeddings vectors, string directory, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Save(vectors, directory, [.. Enumerable.Range(0, Math.Min(limit, vectors.Count))]);
    }

    /// <summary>Writes <paramref name="rows"/> of <paramref name="vectors"/>, in the order given, into both files.</summary>
    public static void Save(WordEmbeddings vectors, string directory, IReadOnlyList<int> rows)
    {
        Directory.CreateDirectory(directory);
        int count = rows.Count;
        AtomicFile.Write(Path.Combine(directory, VectorsFile), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<float> row = vectors.Vectors.Row(rows[i]);
                for (int j = 0; j < row.Length; j++)
                {
                    if (j > 0)
                    {
                        writer.Write('\t');
                    }

                    // Round-trippable shortest form: the projector parses it exactly and files stay small.
                    writer.Write(row[j].ToString("R", CultureInfo.InvariantCulture));
                }

                writer.Write('\n');
            }
        });
        AtomicFile.Write(Path.Combine(directory, MetadataFile), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            for (int i = 0; i < count; i++)
            {
                writer.Write(Escape(vectors.Word(rows[i])));
                writer.Write('\n');
            }
        });
    }

    /// <summary>A tab or line break inside a word would shift every later row against vectors.tsv.</summary>
    private static string Escape(string word) =>
        word.AsSpan().IndexOfAny("\t\r\n") < 0 ? word : word.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}

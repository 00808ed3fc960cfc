using System.Globalization;
using System.Numerics.Tensors;
using FastSgns.Corpus;
using FastSgns.Embeddings;

namespace FastSgns.Evaluation;

/// <summary>
/// Word-similarity evaluation: Spearman ρ between cosine similarity and human scores, with coverage. Read a file with
/// <see cref="ReadFile"/> and score it with <c>SgnsModel.EvaluateSimilarity</c>.
/// </summary>
public static class SimilarityEvaluator
{
    /// <summary>The outcome of one word-similarity file.</summary>
    /// <param name="Spearman">Spearman ρ between cosines and human scores (ties get average ranks); NaN with fewer than two pairs.</param>
    /// <param name="Used">Pairs whose two words are in the model.</param>
    /// <param name="Total">Pairs in the file.</param>
    public sealed record Result(double Spearman, int Used, int Total)
    {
        /// <summary>Used over all pairs.</summary>
        public double Coverage => Total == 0 ? 0 : (double)Used / Total;
    }

    /// <summary>Longest line read: two words and a score; a file without newlines fails here.</summary>
    internal const int MaxLineBytes = 4096;

    /// <summary>Reads "w1 w2 score" lines separated by tabs or spaces; '#' starts a comment line.</summary>
    public static List<(string A, string B, double Score)> ReadFile(string path)
    {
        var pairs = new List<(string, string, double)>();
        foreach (BoundedLines.Line raw in BoundedLines.Read(path, MaxLineBytes, "a similarity file (\"word word score\" lines)"))
        {
            string line = raw.Text.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] f = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
            {
                throw new InvalidDataException($"{path}:{raw.Number}: byte {raw.Offset}: expected \"word word score\", found \"{BoundedLines.Quote(line)}\".");
            }

            pairs.Add((f[0].ToLowerInvariant(), f[1].ToLowerInvariant(), score));
        }

        return pairs;
    }

    /// <summary>Cosines over every word of <paramref name="model"/> (its unit vectors), as gensim's evaluate_word_pairs.</summary>
    internal static Result Evaluate(WordEmbeddings model, IReadOnlyList<(string A, string B, double Score)> pairs)
    {
        EmbeddingMatrix unit = model.UnitVectors;
        var cosines = new List<double>();
        var human = new List<double>();
        foreach (var (a, b, score) in pairs)
        {
            int ia = model.IndexOf(a), ib = model.IndexOf(b);
            if (ia >= 0 && ib >= 0)
            {
                cosines.Add(TensorPrimitives.Dot(unit.Row(ia), unit.Row(ib)));
                human.Add(score);
            }
        }

        return new Result(Statistics.Spearman(cosines, human), cosines.Count, pairs.Count);
    }
}

using System.Numerics.Tensors;
using FastSgns.Embeddings;

namespace FastSgns.Queries;

/// <summary>
/// The k rows of a unit-vector matrix that score highest against a query, among its first <c>candidates</c> rows
/// (gensim's <c>restrict_vocab</c>: word2vec files list the most frequent words first). Each row is scored with
/// <see cref="TensorPrimitives"/>' SIMD dot product, one pass over the matrix. Nothing here allocates.
/// </summary>
internal static class NearestNeighbors
{
    /// <summary>
    /// Writes the best <paramref name="results"/>.Length rows of <paramref name="unit"/> by cosine (best first) into
    /// <paramref name="results"/>, skipping <paramref name="exclude"/>; returns how many were found. The query need
    /// not be unit length: ranking by dot product with unit rows equals ranking by cosine, and the scores are divided
    /// by the query's norm (a zero query scores every row 0).
    /// </summary>
    public static int Find(EmbeddingMatrix unit, ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<Neighbor> results) =>
        Find(unit, query, exclude, results, unit.Rows);

    /// <summary><see cref="Find(EmbeddingMatrix, ReadOnlySpan{float}, ReadOnlySpan{int}, Span{Neighbor})"/> over the first <paramref name="candidates"/> rows only.</summary>
    public static int Find(EmbeddingMatrix unit, ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<Neighbor> results, int candidates)
    {
        if (query.Length != unit.Dim)
        {
            throw new ArgumentException($"the query has {query.Length} dims, the model {unit.Dim}.", nameof(query));
        }

        int rows = CandidateRows(unit, candidates);
        int found = 0;
        float queryNorm = TensorPrimitives.Norm(query);
        float scale = queryNorm > 0 ? 1 / queryNorm : 0;
        for (int row = 0; row < rows; row++)
        {
            if (!exclude.Contains(row))
            {
                TopK.Offer(results, ref found, row, TensorPrimitives.Dot(unit.Row(row), query) * scale);
            }
        }

        return found;
    }

    /// <summary>
    /// a : b :: c : ? by 3CosMul over rows <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/> of
    /// <paramref name="unit"/>, which are excluded from the answers; scores are <see cref="CosMul.Score(float, float, float)"/>.
    /// </summary>
    public static int FindCosMul(EmbeddingMatrix unit, int a, int b, int c, Span<Neighbor> results) =>
        FindCosMul(unit, [b, c], [a], results, unit.Rows);

    /// <summary>
    /// The best rows by 3CosMul with any number of positive and negative rows (gensim's <c>most_similar_cosmul</c>),
    /// among the first <paramref name="candidates"/> rows; the given rows are excluded from the answers. Scores are
    /// <see cref="CosMul.Score(float, float)"/> of the products of shifted cosines.
    /// </summary>
    public static int FindCosMul(EmbeddingMatrix unit, ReadOnlySpan<int> positive, ReadOnlySpan<int> negative, Span<Neighbor> results, int candidates)
    {
        if (positive.IsEmpty)
        {
            throw new ArgumentException("3CosMul needs at least one positive word.", nameof(positive));
        }

        int rows = CandidateRows(unit, candidates);
        int found = 0;
        for (int row = 0; row < rows; row++)
        {
            if (positive.Contains(row) || negative.Contains(row))
            {
                continue;
            }

            ReadOnlySpan<float> d = unit.Row(row);
            float numerator = 1, denominator = 1;
            foreach (int p in positive)
            {
                numerator *= CosMul.Shift(TensorPrimitives.Dot(d, unit.Row(p)));
            }

            foreach (int n in negative)
            {
                denominator *= CosMul.Shift(TensorPrimitives.Dot(d, unit.Row(n)));
            }

            TopK.Offer(results, ref found, row, CosMul.Score(numerator, denominator));
        }

        return found;
    }

    /// <summary>All rows for 0, else the first <paramref name="candidates"/> (a larger number means all).</summary>
    private static int CandidateRows(EmbeddingMatrix unit, int candidates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        return candidates == 0 ? unit.Rows : Math.Min(candidates, unit.Rows);
    }
}

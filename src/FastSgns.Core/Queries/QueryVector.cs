using System.Numerics.Tensors;
using FastSgns.Embeddings;

namespace FastSgns.Queries;

/// <summary>
/// Vectors built from several words: gensim's <c>get_mean_vector</c>, which sums the rows with weight +1 or −1 and
/// divides by the number of words. Only the direction matters to every query here (each scores by cosine), so the
/// division is left out; <see cref="Cosine"/> and <see cref="NearestNeighbors"/> divide by the norm instead.
/// </summary>
internal static class QueryVector
{
    /// <summary>Σ rows of <paramref name="positive"/> − Σ rows of <paramref name="negative"/> into <paramref name="destination"/>.</summary>
    public static void Sum(EmbeddingMatrix matrix, ReadOnlySpan<int> positive, ReadOnlySpan<int> negative, Span<float> destination)
    {
        if (destination.Length != matrix.Dim)
        {
            throw new ArgumentException($"the destination has {destination.Length} dims, the model {matrix.Dim}.", nameof(destination));
        }

        destination.Clear();
        foreach (int row in positive)
        {
            TensorPrimitives.Add(destination, matrix.Row(row), destination);
        }

        foreach (int row in negative)
        {
            TensorPrimitives.Subtract(destination, matrix.Row(row), destination);
        }
    }

    /// <summary>Cosine of two vectors, 0 when either is zero (gensim's <c>unitvec</c> leaves a zero vector zero).</summary>
    public static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float norms = TensorPrimitives.Norm(x) * TensorPrimitives.Norm(y);
        return norms > 0 ? TensorPrimitives.Dot(x, y) / norms : 0;
    }

    /// <summary>
    /// gensim's <c>rank_by_centrality</c> scores: the cosine of each of <paramref name="rows"/>' unit vectors with the
    /// mean of them all, into <paramref name="scores"/> (in the order of <paramref name="rows"/>; a row given twice
    /// counts twice in the mean). <paramref name="mean"/> is scratch of <see cref="EmbeddingMatrix.Dim"/> floats.
    /// </summary>
    public static void Centrality(EmbeddingMatrix unit, ReadOnlySpan<int> rows, Span<float> mean, Span<float> scores)
    {
        if (scores.Length != rows.Length)
        {
            throw new ArgumentException($"{scores.Length} scores for {rows.Length} rows.", nameof(scores));
        }

        Sum(unit, rows, [], mean);
        float norm = TensorPrimitives.Norm(mean);
        float scale = norm > 0 ? 1 / norm : 0;
        for (int i = 0; i < rows.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(unit.Row(rows[i]), mean) * scale;
        }
    }
}

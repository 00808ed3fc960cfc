using System.Numerics.Tensors;
using FastSgns.Embeddings;

namespace FastSgns.Queries;

/// <summary>The k rows of a unit-vector matrix that score highest against a query. Nothing here allocates.</summary>
internal static class NearestNeighbors
{
    /// <summary>
    /// Writes the best <paramref name="results"/>.Length rows of <paramref name="unit"/> by cosine (best first) into
    /// <paramref name="results"/>, skipping <paramref name="exclude"/>; returns how many were found. The query need
    /// not be unit length: ranking by dot product with unit rows equals ranking by cosine, and the scores are divided
    /// by the query's norm.
    /// </summary>
    public static int Find(EmbeddingMatrix unit, ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<Neighbor> results)
    {
        if (query.Length != unit.Dim)
        {
            throw new ArgumentException($"the query has {query.Length} dims, the model {unit.Dim}.", nameof(query));
        }

        int found = 0;
        float queryNorm = TensorPrimitives.Norm(query);
        float scale = queryNorm > 0 ? 1 / queryNorm : 0;
        for (int row = 0; row < unit.Rows; row++)
        {
            if (!exclude.Contains(row))
            {
                Offer(results, ref found, row, TensorPrimitives.Dot(unit.Row(row), query) * scale);
            }
        }

        return found;
    }

    /// <summary>
    /// a : b :: c : ? by 3CosMul over rows <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/> of
    /// <paramref name="unit"/>, which are excluded from the answers; scores are <see cref="CosMul.Score"/>.
    /// </summary>
    public static int FindCosMul(EmbeddingMatrix unit, int a, int b, int c, Span<Neighbor> results)
    {
        ReadOnlySpan<float> va = unit.Row(a), vb = unit.Row(b), vc = unit.Row(c);
        int found = 0;
        for (int row = 0; row < unit.Rows; row++)
        {
            if (row == a || row == b || row == c)
            {
                continue;
            }

            ReadOnlySpan<float> d = unit.Row(row);
            Offer(results, ref found, row, CosMul.Score(TensorPrimitives.Dot(d, va), TensorPrimitives.Dot(d, vb), TensorPrimitives.Dot(d, vc)));
        }

        return found;
    }

    /// <summary>Keeps <paramref name="results"/>[..found] sorted best first; equal scores keep the earlier (more frequent) row first.</summary>
    private static void Offer(Span<Neighbor> results, ref int found, int row, float score)
    {
        int k = results.Length;
        if (k == 0 || found == k && !(score > results[k - 1].Similarity))
        {
            return;
        }

        // Insertion into a short sorted list: k is small, so this beats a heap.
        int position = found < k ? found++ : k - 1;
        while (position > 0 && results[position - 1].Similarity < score)
        {
            results[position] = results[position - 1];
            position--;
        }

        results[position] = new Neighbor(row, score);
    }
}

using System.Numerics.Tensors;
using FastSgns.Evaluation;

namespace FastSgns.Queries;

/// <summary>The k rows of a unit-vector matrix with the highest cosine to a query.</summary>
public static class NearestNeighbors
{
    /// <summary>
    /// Writes the best <paramref name="results"/>.Length rows (best first) into <paramref name="results"/>, skipping
    /// <paramref name="exclude"/>; returns how many were found. The query need not be unit length: ranking by dot
    /// product with unit rows equals ranking by cosine. Allocates nothing.
    /// </summary>
    public static int Find(UnitVectors vectors, ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<(int Row, float Score)> results)
    {
        int k = results.Length;
        int found = 0;
        float queryNorm = TensorPrimitives.Norm(query);
        float scale = queryNorm > 0 ? 1 / queryNorm : 0;
        for (int row = 0; row < vectors.Count; row++)
        {
            if (exclude.Contains(row))
            {
                continue;
            }

            float score = TensorPrimitives.Dot(vectors[row], query) * scale;
            if (found == k && score <= results[k - 1].Score)
            {
                continue;
            }

            // Insertion into a short sorted list: k is small, so this beats a heap.
            int position = found < k ? found++ : k - 1;
            while (position > 0 && results[position - 1].Score < score)
            {
                results[position] = results[position - 1];
                position--;
            }

            results[position] = (row, score);
        }

        return found;
    }
}

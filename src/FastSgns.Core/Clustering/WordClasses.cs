using System.Numerics.Tensors;
using FastSgns.Embeddings;

namespace FastSgns.Clustering;

/// <summary>
/// word2vec.c's <c>-classes K</c>: k-means over the trained vectors. Word i starts in class i mod K; each iteration
/// sums every class's vectors, scales the sum to unit length and moves every word to the class whose unit centroid has
/// the largest dot product with its (unnormalized) vector; 10 iterations. There is no randomness, so the classes
/// depend only on the vectors. Unlike word2vec.c, a class left empty keeps no centroid (it attracts no word, where
/// word2vec.c divides by a zero length), and a word whose dot products are all below −10 still goes to its best class.
/// The assignment runs in parallel over rows and the sums in parallel over classes, each sum over its rows in row
/// order, so the result does not depend on the number of threads. As in word2vec.c, the round-robin start puts every
/// centroid near the mean, so k-means can end in a local optimum that keeps two close clusters in one class.
/// </summary>
internal static class WordClasses
{
    /// <summary>word2vec.c's iteration count.</summary>
    public const int DefaultIterations = 10;

    /// <summary>The class of every row of <paramref name="vectors"/>, in 0 to <paramref name="classes"/> − 1.</summary>
    public static int[] Compute(EmbeddingMatrix vectors, int classes, int threads, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        int rows = vectors.Rows, dim = vectors.Dim;
        var assignment = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            assignment[r] = r % classes;
        }

        var centroids = new float[(long)classes * dim];
        // The centroids transposed (dim rows of one value per class), so that a word's dot products with every class are
        // dim vectorised multiply-adds over all classes at once rather than one short dot product per class; empty
        // classes start at −∞ (the bias) so they attract no word.
        var transposed = new float[(long)dim * classes];
        var bias = new float[classes];
        var members = new int[rows];
        var starts = new int[classes + 1];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            GroupByClass(assignment, members, starts);
            Parallel.For(0, classes, parallel, c =>
            {
                Span<float> centroid = centroids.AsSpan(c * dim, dim);
                centroid.Clear();
                for (int i = starts[c]; i < starts[c + 1]; i++)
                {
                    TensorPrimitives.Add(centroid, vectors.Row(members[i]), centroid);
                }

                float norm = TensorPrimitives.Norm(centroid);
                bias[c] = norm > 0 ? 0 : float.NegativeInfinity;
                for (int j = 0; j < dim; j++)
                {
                    transposed[(long)j * classes + c] = norm > 0 ? centroid[j] / norm : 0;
                }
            });

            const int block = 256;
            Parallel.For(0, (rows + block - 1) / block, parallel, () => new float[classes], (b, _, scores) =>
            {
                for (int r = b * block, end = Math.Min(rows, r + block); r < end; r++)
                {
                    assignment[r] = Nearest(vectors.Row(r), transposed, bias, scores);
                }

                return scores;
            }, _ => { });
        }

        return assignment;
    }

    /// <summary>The class whose unit centroid has the largest dot product with the row (the first of equals).</summary>
    private static int Nearest(ReadOnlySpan<float> row, float[] transposed, float[] bias, float[] scores)
    {
        int classes = scores.Length;
        bias.CopyTo(scores);
        for (int j = 0; j < row.Length; j++)
        {
            TensorPrimitives.MultiplyAdd(transposed.AsSpan(j * classes, classes), row[j], scores, scores);
        }

        return Math.Max(TensorPrimitives.IndexOfMax<float>(scores), 0);
    }

    /// <summary>A counting sort of the rows by class: class c's rows, in row order, are members[starts[c]..starts[c+1]).</summary>
    private static void GroupByClass(int[] assignment, int[] members, int[] starts)
    {
        Array.Clear(starts);
        foreach (int c in assignment)
        {
            starts[c + 1]++;
        }

        for (int c = 1; c < starts.Length; c++)
        {
            starts[c] += starts[c - 1];
        }

        var next = starts[..^1];
        for (int r = 0; r < assignment.Length; r++)
        {
            members[next[assignment[r]]++] = r;
        }
    }
}

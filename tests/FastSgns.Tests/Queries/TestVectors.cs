using FastSgns.Embeddings;

namespace FastSgns.Tests;

/// <summary>Small vector sets made in tests: hand-placed ones with known answers, and seeded random ones.</summary>
internal static class TestVectors
{
    public static WordEmbeddings Of(params (string Word, float[] Vector)[] rows)
    {
        int dim = rows[0].Vector.Length;
        var data = new float[rows.Length * dim];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].Vector.CopyTo(data, i * dim);
        }

        return WordEmbeddings.FromRowMajor([.. rows.Select(r => r.Word)], data, dim);
    }

    /// <summary>
    /// Axis 0 is royalty, axis 1 gender (+ male), axis 2 "fruitness", axis 3 noise; king − man + woman lands on queen.
    /// </summary>
    public static WordEmbeddings Royals() => Of(
        ("man", [0.0f, 1.0f, 0.0f, 0.1f]),
        ("woman", [0.0f, -1.0f, 0.0f, 0.1f]),
        ("king", [1.0f, 1.0f, 0.0f, 0.2f]),
        ("queen", [1.0f, -1.0f, 0.0f, 0.2f]),
        ("prince", [0.8f, 0.6f, 0.0f, -0.1f]),
        ("princess", [0.8f, -0.6f, 0.0f, -0.1f]),
        ("apple", [0.0f, 0.0f, 1.0f, 0.0f]),
        ("pear", [0.0f, 0.1f, 0.9f, 0.1f]));

    public static WordEmbeddings Random(int count, int dim, int seed, Func<int, string>? word = null)
    {
        var random = new Random(seed);
        var data = new float[count * dim];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return WordEmbeddings.FromRowMajor([.. Enumerable.Range(0, count).Select(word ?? (i => $"w{i}"))], data, dim);
    }

    /// <summary>The rows × dim values of a matrix, row-major without padding, to compare small matrices.</summary>
    public static float[] Values(this EmbeddingMatrix matrix)
    {
        var values = new float[(long)matrix.Rows * matrix.Dim];
        for (int r = 0; r < matrix.Rows; r++)
        {
            matrix.Row(r).CopyTo(values.AsSpan(r * matrix.Dim, matrix.Dim));
        }

        return values;
    }
}

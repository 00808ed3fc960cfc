using FastSgns.Embeddings;

namespace FastSgns.Tests;

/// <summary>Small vector sets made in tests: hand-placed ones with known answers, and seeded random ones.</summary>
internal static class TestVectors
{
    public static WordVectors Of(params (string Word, float[] Vector)[] rows)
    {
        int dim = rows[0].Vector.Length;
        var data = new float[rows.Length * dim];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].Vector.CopyTo(data, i * dim);
        }

        return new WordVectors([.. rows.Select(r => r.Word)], data, dim);
    }

    /// <summary>
    /// Axis 0 is royalty, axis 1 gender (+ male), axis 2 "fruitness", axis 3 noise; king − man + woman lands on queen.
    /// </summary>
    public static WordVectors Royals() => Of(
        ("man", [0.0f, 1.0f, 0.0f, 0.1f]),
        ("woman", [0.0f, -1.0f, 0.0f, 0.1f]),
        ("king", [1.0f, 1.0f, 0.0f, 0.2f]),
        ("queen", [1.0f, -1.0f, 0.0f, 0.2f]),
        ("prince", [0.8f, 0.6f, 0.0f, -0.1f]),
        ("princess", [0.8f, -0.6f, 0.0f, -0.1f]),
        ("apple", [0.0f, 0.0f, 1.0f, 0.0f]),
        ("pear", [0.0f, 0.1f, 0.9f, 0.1f]));

    public static WordVectors Random(int count, int dim, int seed, Func<int, string>? word = null)
    {
        var random = new Random(seed);
        var data = new float[count * dim];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return new WordVectors([.. Enumerable.Range(0, count).Select(word ?? (i => $"w{i}"))], data, dim);
    }
}

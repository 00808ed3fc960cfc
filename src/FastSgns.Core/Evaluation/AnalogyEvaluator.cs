using System.Numerics.Tensors;

namespace FastSgns.Evaluation;

/// <summary>
/// word2vec's compute-accuracy protocol with 3CosAdd: over unit vectors, the answer to a:b :: c:? is the word among
/// the first N (30,000 by default) maximizing cos(x, b − a + c), the three question words excluded. Questions with
/// a word outside the first N are skipped and counted in coverage.
/// </summary>
public static class AnalogyEvaluator
{
    public const int DefaultRestrict = 30_000;

    /// <summary>Questions scored against the matrix together, so each row is read once per block.</summary>
    private const int Block = 64;

    public static AnalogyResult Evaluate(UnitVectors vectors, IReadOnlyList<AnalogyQuestion> questions)
    {
        int dim = vectors.Dim;
        var resolved = new List<(int Index, int A, int B, int C, int D)>();
        for (int i = 0; i < questions.Count; i++)
        {
            AnalogyQuestion q = questions[i];
            int a = vectors.IndexOf(q.A), b = vectors.IndexOf(q.B), c = vectors.IndexOf(q.C), d = vectors.IndexOf(q.D);
            if (a >= 0 && b >= 0 && c >= 0 && d >= 0)
            {
                resolved.Add((i, a, b, c, d));
            }
        }

        var correct = new bool[questions.Count];
        int blocks = (resolved.Count + Block - 1) / Block;
        Parallel.For(0, blocks, block =>
        {
            int first = block * Block;
            int size = Math.Min(Block, resolved.Count - first);
            var queries = new float[size * dim];
            var scratch = new float[dim];
            for (int q = 0; q < size; q++)
            {
                var (_, a, b, c, _) = resolved[first + q];
                Span<float> query = queries.AsSpan(q * dim, dim);
                TensorPrimitives.Subtract(vectors[b], vectors[a], scratch);
                TensorPrimitives.Add(scratch, vectors[c], query);
            }

            var best = new int[size];
            var bestScore = new float[size];
            Array.Fill(best, -1);
            Array.Fill(bestScore, float.NegativeInfinity);
            for (int row = 0; row < vectors.Count; row++)
            {
                ReadOnlySpan<float> candidate = vectors[row];
                for (int q = 0; q < size; q++)
                {
                    float score = TensorPrimitives.Dot(candidate, queries.AsSpan(q * dim, dim));
                    if (score > bestScore[q])
                    {
                        var (_, a, b, c, _) = resolved[first + q];
                        if (row != a && row != b && row != c)
                        {
                            bestScore[q] = score;
                            best[q] = row;
                        }
                    }
                }
            }

            for (int q = 0; q < size; q++)
            {
                var (index, _, _, _, d) = resolved[first + q];
                correct[index] = best[q] == d;
            }
        });

        var answered = new bool[questions.Count];
        foreach (var r in resolved)
        {
            answered[r.Index] = true;
        }

        var sections = new List<AnalogySection>();
        foreach (var group in questions.Select((q, i) => (q.Section, i)).GroupBy(x => x.Section))
        {
            sections.Add(new AnalogySection(group.Key,
                group.Count(x => correct[x.i]), group.Count(x => answered[x.i]), group.Count()));
        }

        return new AnalogyResult(sections);
    }
}

using System.Numerics.Tensors;
using FastSgns.Embeddings;
using FastSgns.Queries;

namespace FastSgns.Evaluation;

/// <summary>
/// word2vec's compute-accuracy protocol: over unit vectors, the answer to a:b :: c:? is the word among the first N
/// (<c>restrict</c>; the CLI's default is <see cref="DefaultRestrict"/>) that scores best by 3CosAdd
/// (cos(x, b − a + c)) or 3CosMul, the three question words excluded. Questions with a word outside the first N are
/// skipped and counted in coverage.
/// </summary>
internal static class AnalogyEvaluator
{
    public const int DefaultRestrict = 30_000;

    /// <summary>Questions scored against the matrix together, so each row is read once per block.</summary>
    private const int Block = 64;

    /// <summary>Scores <paramref name="questions"/> over the first <paramref name="restrict"/> words of <paramref name="model"/> (its unit vectors).</summary>
    public static AnalogyResult Evaluate(WordEmbeddings model, IReadOnlyList<AnalogyQuestion> questions, AnalogyMethod method = AnalogyMethod.Add,
        int restrict = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(restrict);
        int count = Math.Min(restrict, model.Count);
        // Only the rows that may answer are normalized when that is fewer than all (30,000 of perhaps millions):
        // the model's own unit matrix, a second model-sized one, is not built for an analogy evaluation.
        using EmbeddingMatrix? restricted = count < model.Count ? model.Vectors.ToUnitLength(count) : null;
        var vectors = new Candidates(restricted ?? model.UnitVectors, count);
        var resolved = new List<Resolved>();
        for (int i = 0; i < questions.Count; i++)
        {
            AnalogyQuestion q = questions[i];
            int a = vectors.IndexOf(model, q.A), b = vectors.IndexOf(model, q.B), c = vectors.IndexOf(model, q.C), d = vectors.IndexOf(model, q.D);
            if (a >= 0 && b >= 0 && c >= 0 && d >= 0)
            {
                resolved.Add(new Resolved(i, a, b, c, d));
            }
        }

        var correct = new bool[questions.Count];
        int blocks = (resolved.Count + Block - 1) / Block;
        Parallel.For(0, blocks, block =>
        {
            int first = block * Block;
            var slice = resolved.GetRange(first, Math.Min(Block, resolved.Count - first));
            int[] best = method == AnalogyMethod.Mul ? BestByCosMul(vectors, slice) : BestByCosAdd(vectors, slice);
            for (int q = 0; q < slice.Count; q++)
            {
                correct[slice[q].Index] = best[q] == slice[q].D;
            }
        });

        var answered = new bool[questions.Count];
        foreach (Resolved r in resolved)
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

    private static int[] BestByCosAdd(Candidates vectors, List<Resolved> block)
    {
        int dim = vectors.Unit.Dim;
        var queries = new float[block.Count * dim];
        for (int q = 0; q < block.Count; q++)
        {
            Span<float> query = queries.AsSpan(q * dim, dim);
            TensorPrimitives.Subtract(vectors.Unit.Row(block[q].B), vectors.Unit.Row(block[q].A), query);
            TensorPrimitives.Add(query, vectors.Unit.Row(block[q].C), query);
        }

        var best = new int[block.Count];
        var bestScore = new float[block.Count];
        Array.Fill(best, -1);
        Array.Fill(bestScore, float.NegativeInfinity);
        for (int row = 0; row < vectors.Count; row++)
        {
            ReadOnlySpan<float> candidate = vectors.Unit.Row(row);
            for (int q = 0; q < block.Count; q++)
            {
                float score = TensorPrimitives.Dot(candidate, queries.AsSpan(q * dim, dim));
                if (score > bestScore[q] && !block[q].Involves(row))
                {
                    bestScore[q] = score;
                    best[q] = row;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// 3CosMul needs three cosines per candidate and question. Questions in a block share many words (a section
    /// repeats its pairs), so each row's cosine with each distinct question word is computed once.
    /// </summary>
    private static int[] BestByCosMul(Candidates vectors, List<Resolved> block)
    {
        var slots = new Dictionary<int, int>();
        var slotOf = new (int A, int B, int C)[block.Count];
        for (int q = 0; q < block.Count; q++)
        {
            slotOf[q] = (Slot(slots, block[q].A), Slot(slots, block[q].B), Slot(slots, block[q].C));
        }

        var words = new int[slots.Count];
        foreach (var (row, slot) in slots)
        {
            words[slot] = row;
        }

        var cosines = new float[words.Length];
        var best = new int[block.Count];
        var bestScore = new float[block.Count];
        Array.Fill(best, -1);
        Array.Fill(bestScore, float.NegativeInfinity);
        for (int row = 0; row < vectors.Count; row++)
        {
            ReadOnlySpan<float> candidate = vectors.Unit.Row(row);
            for (int w = 0; w < words.Length; w++)
            {
                cosines[w] = TensorPrimitives.Dot(candidate, vectors.Unit.Row(words[w]));
            }

            for (int q = 0; q < block.Count; q++)
            {
                var (a, b, c) = slotOf[q];
                float score = CosMul.Score(cosines[a], cosines[b], cosines[c]);
                if (score > bestScore[q] && !block[q].Involves(row))
                {
                    bestScore[q] = score;
                    best[q] = row;
                }
            }
        }

        return best;
    }

    private static int Slot(Dictionary<int, int> slots, int row)
    {
        if (!slots.TryGetValue(row, out int slot))
        {
            slot = slots.Count;
            slots.Add(row, slot);
        }

        return slot;
    }

    /// <summary>The unit rows answers are drawn from: the first <paramref name="Count"/>, the most frequent words.</summary>
    private readonly record struct Candidates(EmbeddingMatrix Unit, int Count)
    {
        public int IndexOf(WordEmbeddings model, string word)
        {
            int row = model.IndexOf(word);
            return row < Count ? row : -1;
        }
    }

    private readonly record struct Resolved(int Index, int A, int B, int C, int D)
    {
        public bool Involves(int row) => row == A || row == B || row == C;
    }
}

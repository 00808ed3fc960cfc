using FastSgns.Embeddings;
using FastSgns.Queries;

namespace FastSgns;

/// <summary>
/// gensim's queries over a set of words: <c>doesnt_match</c>, <c>rank_by_centrality</c> and <c>n_similarity</c>, with
/// gensim's scores. One difference: gensim skips words it does not know (with a logged warning, or silently in
/// <c>n_similarity</c>); these throw <see cref="KeyNotFoundException"/> naming the word, as every other query does,
/// so that a typo never changes an answer unnoticed. Check with <see cref="Contains(string)"/> first to skip words.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>
    /// The word that fits least with the others (gensim's <c>doesnt_match</c>): the one whose unit vector has the
    /// lowest cosine with the normalized mean of all the words' unit vectors. A word given twice counts twice.
    /// Allocates nothing for up to 32 words and 1,024 dims.
    /// </summary>
    /// <example><c>model.DoesntMatch("breakfast", "cereal", "dinner", "lunch")</c> → cereal</example>
    public string DoesntMatch(params ReadOnlySpan<string> words)
    {
        using var scores = new QueryScratch<float>(stackalloc float[StackWords], words.Length);
        using var rows = new QueryScratch<int>(stackalloc int[StackWords], words.Length);
        Centrality("DoesntMatch", words, rows.Span, scores.Span);
        int odd = 0;
        for (int i = 1; i < words.Length; i++)
        {
            // Ties go as in gensim, which sorts (score, word) pairs: the lowest score, then the smallest word.
            if (scores.Span[i] < scores.Span[odd] || scores.Span[i] == scores.Span[odd] && string.CompareOrdinal(words[i], words[odd]) < 0)
            {
                odd = i;
            }
        }

        return Embeddings.Word(rows.Span[odd]);
    }

    /// <summary>
    /// The words ranked by cosine with the normalized mean of their unit vectors, most central first (gensim's
    /// <c>rank_by_centrality</c>, which returns (score, word) pairs); equal scores keep the order given.
    /// </summary>
    public IReadOnlyList<(string Word, float Similarity)> RankByCentrality(params ReadOnlySpan<string> words)
    {
        var results = new Neighbor[words.Length];
        return ToList(results.AsSpan(0, RankByCentrality(words, results)));
    }

    /// <summary>
    /// <see cref="RankByCentrality(ReadOnlySpan{string})"/> into a caller's buffer: the destination.Length most central
    /// words, best first, each as its row and score; returns how many were written. Allocates nothing for up to 32
    /// words and 1,024 dims.
    /// </summary>
    public int RankByCentrality(ReadOnlySpan<string> words, Span<Neighbor> destination)
    {
        using var scores = new QueryScratch<float>(stackalloc float[StackWords], words.Length);
        using var rows = new QueryScratch<int>(stackalloc int[StackWords], words.Length);
        Centrality("RankByCentrality", words, rows.Span, scores.Span);
        int found = 0;
        for (int i = 0; i < words.Length; i++)
        {
            TopK.Offer(destination, ref found, rows.Span[i], scores.Span[i]);
        }

        return found;
    }

    /// <summary>
    /// Cosine similarity of the mean vectors of two sets of words (gensim's <c>n_similarity</c>). As in gensim, the
    /// means are of the vectors as stored, not of unit vectors, so a long vector weighs more; 0 when a mean is zero.
    /// Allocates nothing for up to 32 words a set and 1,024 dims.
    /// </summary>
    /// <example><c>model.NSimilarity(["sushi", "shop"], ["japanese", "restaurant"])</c></example>
    public float NSimilarity(ReadOnlySpan<string> first, ReadOnlySpan<string> second)
    {
        if (first.IsEmpty || second.IsEmpty)
        {
            throw new ArgumentException("NSimilarity needs at least one word in each set.");
        }

        using var rows = new QueryScratch<int>(stackalloc int[StackWords], first.Length + second.Length);
        RowsOf(first, rows.Span);
        RowsOf(second, rows.Span[first.Length..]);
        EmbeddingMatrix vectors = Vectors;
        using EmbeddingMatrix.Lease lease = vectors.Use();
        using var one = new QueryScratch<float>(stackalloc float[Dim <= StackDims ? Dim : 0], Dim);
        using var two = new QueryScratch<float>(stackalloc float[Dim <= StackDims ? Dim : 0], Dim);
        QueryVector.Sum(vectors, rows.Span[..first.Length], [], one.Span);
        QueryVector.Sum(vectors, rows.Span[first.Length..], [], two.Span);
        return QueryVector.Cosine(one.Span, two.Span);
    }

    /// <summary>Each word's row and its cosine with the normalized mean of the words' unit vectors.</summary>
    private void Centrality(string query, ReadOnlySpan<string> words, Span<int> rows, Span<float> scores)
    {
        if (words.IsEmpty)
        {
            throw new ArgumentException($"{query} needs at least one word.");
        }

        RowsOf(words, rows);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        using var mean = new QueryScratch<float>(stackalloc float[Dim <= StackDims ? Dim : 0], Dim);
        QueryVector.Centrality(unit, rows, mean.Span, scores);
    }
}

using System.Diagnostics.CodeAnalysis;
using FastSgns.Embeddings;
using FastSgns.Queries;

namespace FastSgns;

/// <summary>
/// gensim's <c>KeyedVectors</c> neighbour queries with several words: <c>most_similar(positive, negative, topn,
/// restrict_vocab)</c>, <c>most_similar_cosmul</c>, <c>similar_by_word</c> and <c>similar_by_vector</c>, with the
/// same scores (a test compares them with gensim's on a trained model). Words come as spans of strings, so a
/// collection expression (<c>["king", "woman"]</c>) or an array passes without a copy; the forms that write into a
/// caller's <see cref="Span{T}"/> of <see cref="Neighbor"/> allocate nothing.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>Up to this many query words are looked up into a stack buffer; more come from the array pool.</summary>
    private const int StackWords = 32;

    /// <summary>
    /// Why the analyzers' optional-parameter overload rules are waived here: every overload of a name differs from the
    /// others in the type of its first parameter (a word, a span of words, a vector) or of its third (a count or a
    /// destination buffer), so leaving out an optional argument never makes a call bind to another overload.
    /// </summary>
    private const string QueryOverloads = "The first or third parameter's type tells the overloads apart.";

    /// <summary>
    /// The <paramref name="k"/> words closest to the mean of the positive words' unit vectors minus the negative
    /// ones' (gensim's <c>most_similar(positive, negative, topn=k, restrict_vocab)</c>), scored by cosine; the query
    /// words themselves are never answers. With <paramref name="restrictVocab"/> N &gt; 0 only the N first words
    /// (the most frequent, in a word2vec file) are candidates; 0 means all. Throws
    /// <see cref="KeyNotFoundException"/> naming the first unknown word.
    /// </summary>
    /// <example><c>model.MostSimilar(["king", "woman"], ["man"], k: 5)</c> → queen, …</example>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public IReadOnlyList<(string Word, float Similarity)> MostSimilar(ReadOnlySpan<string> positive, ReadOnlySpan<string> negative = default,
        int k = 10, int restrictVocab = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, MostSimilar(positive, negative, results, restrictVocab)));
    }

    /// <summary>
    /// <see cref="MostSimilar(ReadOnlySpan{string}, ReadOnlySpan{string}, int, int)"/> into a caller's buffer: writes
    /// up to <paramref name="destination"/>.Length answers, best first, and returns how many. Allocates nothing for
    /// up to 32 words and 1,024 dims (larger queries borrow from the array pool).
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public int MostSimilar(ReadOnlySpan<string> positive, ReadOnlySpan<string> negative, Span<Neighbor> destination, int restrictVocab = 0)
    {
        CheckRestrict(restrictVocab);
        if (positive.IsEmpty && negative.IsEmpty)
        {
            throw new ArgumentException("MostSimilar needs at least one word, positive or negative.");
        }

        using var rows = new QueryScratch<int>(stackalloc int[StackWords], positive.Length + negative.Length);
        RowsOf(positive, rows.Span);
        RowsOf(negative, rows.Span[positive.Length..]);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        using var query = new QueryScratch<float>(stackalloc float[Dim <= StackDims ? Dim : 0], Dim);
        QueryVector.Sum(unit, rows.Span[..positive.Length], rows.Span[positive.Length..], query.Span);
        return NearestNeighbors.Find(unit, query.Span, rows.Span, destination, restrictVocab);
    }

    /// <summary>
    /// The <paramref name="k"/> best words by 3CosMul with any number of words (gensim's <c>most_similar_cosmul</c>):
    /// Π cos′(d, p) over the positive words / (Π cos′(d, n) over the negative words + 1e-6), with cos′ = (cos + 1) / 2
    /// and an empty product 1; the query words are never answers. Needs at least one positive word.
    /// <paramref name="restrictVocab"/> as in <see cref="MostSimilar(ReadOnlySpan{string}, ReadOnlySpan{string}, int, int)"/>
    /// (gensim 4.2 accepts the argument here but ignores it; FastSgns applies it).
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public IReadOnlyList<(string Word, float Similarity)> MostSimilarCosMul(ReadOnlySpan<string> positive, ReadOnlySpan<string> negative = default,
        int k = 10, int restrictVocab = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, MostSimilarCosMul(positive, negative, results, restrictVocab)));
    }

    /// <summary>
    /// <see cref="MostSimilarCosMul(ReadOnlySpan{string}, ReadOnlySpan{string}, int, int)"/> into a caller's buffer,
    /// best first; returns how many were written. Allocates nothing for up to 32 words.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public int MostSimilarCosMul(ReadOnlySpan<string> positive, ReadOnlySpan<string> negative, Span<Neighbor> destination, int restrictVocab = 0)
    {
        CheckRestrict(restrictVocab);
        if (positive.IsEmpty)
        {
            throw new ArgumentException("MostSimilarCosMul needs at least one positive word.");
        }

        using var rows = new QueryScratch<int>(stackalloc int[StackWords], positive.Length + negative.Length);
        RowsOf(positive, rows.Span);
        RowsOf(negative, rows.Span[positive.Length..]);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        return NearestNeighbors.FindCosMul(unit, rows.Span[..positive.Length], rows.Span[positive.Length..], destination, restrictVocab);
    }

    /// <summary>
    /// The <paramref name="k"/> words closest to <paramref name="word"/> by cosine, itself excluded, among the first
    /// <paramref name="restrictVocab"/> words (0 = all): gensim's <c>similar_by_word</c>.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public IReadOnlyList<(string Word, float Similarity)> SimilarByWord(string word, int k = 10, int restrictVocab = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, SimilarByWord(word.AsSpan(), results, restrictVocab)));
    }

    /// <summary><see cref="SimilarByWord(string, int, int)"/> into a caller's buffer, best first; allocates nothing.</summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public int SimilarByWord(ReadOnlySpan<char> word, Span<Neighbor> destination, int restrictVocab = 0)
    {
        CheckRestrict(restrictVocab);
        int row = RowOf(word);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        return NearestNeighbors.Find(unit, unit.Row(row), [row], destination, restrictVocab);
    }

    /// <summary>
    /// The <paramref name="k"/> words closest to a vector by cosine (it need not be unit length), none excluded, among
    /// the first <paramref name="restrictVocab"/> words (0 = all): gensim's <c>similar_by_vector</c>.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public IReadOnlyList<(string Word, float Similarity)> SimilarByVector(ReadOnlySpan<float> vector, int k = 10, int restrictVocab = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, SimilarByVector(vector, results, restrictVocab)));
    }

    /// <summary><see cref="SimilarByVector(ReadOnlySpan{float}, int, int)"/> into a caller's buffer, best first; allocates nothing.</summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = QueryOverloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = QueryOverloads)]
    public int SimilarByVector(ReadOnlySpan<float> vector, Span<Neighbor> destination, int restrictVocab = 0)
    {
        CheckRestrict(restrictVocab);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        return NearestNeighbors.Find(unit, vector, [], destination, restrictVocab);
    }

    /// <summary>The rows of <paramref name="words"/> into the first words.Length items of <paramref name="rows"/>; throws for an unknown word.</summary>
    private void RowsOf(ReadOnlySpan<string> words, Span<int> rows)
    {
        for (int i = 0; i < words.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(words[i], "words");
            rows[i] = RowOf(words[i]);
        }
    }

    private static void CheckRestrict(int restrictVocab)
    {
        if (restrictVocab < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(restrictVocab), restrictVocab, "restrictVocab is 0 (every word) or the number of most frequent words to search.");
        }
    }
}

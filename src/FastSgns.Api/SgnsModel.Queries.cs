using System.Buffers;
using System.Numerics.Tensors;
using FastSgns.Embeddings;
using FastSgns.Queries;

namespace FastSgns;

/// <summary>
/// Similarity, nearest-neighbour and analogy queries. Each comes twice: a convenient form returning a list of
/// (word, score), and a form writing into a caller's <see cref="Span{T}"/> of <see cref="Neighbor"/> that takes
/// words as <see cref="ReadOnlySpan{T}"/> of char and allocates nothing, for hosts that query in a loop. Each holds a
/// lease on the unit matrix while it reads it, so a <see cref="Dispose"/> on another thread cannot free rows under it.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>Above this many dims the 3CosAdd query vector comes from the array pool instead of the stack.</summary>
    private const int StackDims = 1024;

    /// <summary>Cosine similarity of two words; throws <see cref="KeyNotFoundException"/> for an unknown word.</summary>
    public float Similarity(string first, string second) => Similarity(first.AsSpan(), second.AsSpan());

    /// <summary>Cosine similarity of two words; allocates nothing unless a word is unknown.</summary>
    public float Similarity(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        int a = RowOf(first), b = RowOf(second);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        return TensorPrimitives.Dot(unit.Row(a), unit.Row(b));
    }

    /// <summary>The k words closest to <paramref name="word"/> by cosine, the word itself excluded (gensim's <c>most_similar</c>).</summary>
    public IReadOnlyList<(string Word, float Similarity)> MostSimilar(string word, int k = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, MostSimilar(word.AsSpan(), results)));
    }

    /// <summary>The k words closest to a vector by cosine, none excluded (gensim's <c>similar_by_vector</c>).</summary>
    public IReadOnlyList<(string Word, float Similarity)> MostSimilar(ReadOnlySpan<float> vector, int k = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, MostSimilar(vector, results)));
    }

    /// <summary>
    /// Writes the <paramref name="destination"/>.Length words closest to <paramref name="word"/> (itself excluded),
    /// best first, and returns how many were written (fewer only if the model is that small). Allocates nothing.
    /// </summary>
    public int MostSimilar(ReadOnlySpan<char> word, Span<Neighbor> destination)
    {
        int row = RowOf(word);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        return NearestNeighbors.Find(unit, unit.Row(row), [row], destination);
    }

    /// <summary>Writes the words closest to a vector (which need not be unit length), best first; allocates nothing.</summary>
    public int MostSimilar(ReadOnlySpan<float> vector, Span<Neighbor> destination)
    {
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        return NearestNeighbors.Find(unit, vector, [], destination);
    }

    /// <summary>
    /// a : b :: c : ? (e.g. man : king :: woman : queen), the three words excluded. 3CosAdd scores are cos(d, b − a + c)
    /// over unit vectors, as gensim's <c>most_similar(positive=[b, c], negative=[a])</c>; 3CosMul scores are
    /// cos′(d,b)·cos′(d,c) / (cos′(d,a) + 1e-6) with cos′ = (cos + 1) / 2, as gensim's <c>most_similar_cosmul</c>.
    /// The same answers as <see cref="MostSimilar(ReadOnlySpan{string}, ReadOnlySpan{string}, int, int)"/> and
    /// <see cref="MostSimilarCosMul(ReadOnlySpan{string}, ReadOnlySpan{string}, int, int)"/> with [b, c] and [a].
    /// </summary>
    public IReadOnlyList<(string Word, float Similarity)> Analogy(string a, string b, string c, int k = 1, AnalogyMethod method = AnalogyMethod.Add)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new Neighbor[Math.Min(k, Count)];
        return ToList(results.AsSpan(0, Analogy(a.AsSpan(), b.AsSpan(), c.AsSpan(), results, method)));
    }

    /// <summary>a : b :: c : ? into a caller's buffer, best first; returns how many were written. Allocates nothing.</summary>
    public int Analogy(ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, Span<Neighbor> destination,
        AnalogyMethod method = AnalogyMethod.Add)
    {
        int ia = RowOf(a), ib = RowOf(b), ic = RowOf(c);
        EmbeddingMatrix unit = UnitVectors;
        using EmbeddingMatrix.Lease lease = unit.Use();
        if (method == AnalogyMethod.Mul)
        {
            return NearestNeighbors.FindCosMul(unit, ia, ib, ic, destination);
        }

        float[]? rented = Dim > StackDims ? ArrayPool<float>.Shared.Rent(Dim) : null;
        Span<float> query = rented is null ? stackalloc float[Dim] : rented.AsSpan(0, Dim);
        try
        {
            TensorPrimitives.Subtract(unit.Row(ib), unit.Row(ia), query);
            TensorPrimitives.Add(query, unit.Row(ic), query);
            return NearestNeighbors.Find(unit, query, [ia, ib, ic], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private List<(string Word, float Similarity)> ToList(ReadOnlySpan<Neighbor> neighbors)
    {
        var list = new List<(string, float)>(neighbors.Length);
        foreach (Neighbor n in neighbors)
        {
            list.Add((Embeddings.Word(n.Index), n.Similarity));
        }

        return list;
    }
}

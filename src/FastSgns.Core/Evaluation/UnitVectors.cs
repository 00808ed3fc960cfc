using System.Numerics.Tensors;
using FastSgns.Embeddings;

namespace FastSgns.Evaluation;

/// <summary>
/// The first <c>limit</c> rows of a model scaled to unit length (zero rows stay zero), built once and shared by
/// analogy and similarity queries.
/// </summary>
public sealed class UnitVectors
{
    private readonly float[] _data;

    public int Count { get; }
    public int Dim { get; }
    public WordVectors Source { get; }

    public UnitVectors(WordVectors source, int limit = int.MaxValue)
    {
        Source = source;
        Dim = source.Dim;
        Count = Math.Min(limit, source.Count);
        _data = new float[(long)Count * Dim];
        for (int i = 0; i < Count; i++)
        {
            Normalize(source[i], _data.AsSpan(i * Dim, Dim));
        }
    }

    public ReadOnlySpan<float> this[int row] => _data.AsSpan(row * Dim, Dim);

    public ReadOnlySpan<float> Data => _data;

    /// <summary>The row of a word among the first <see cref="Count"/>, or -1.</summary>
    public int IndexOf(string word)
    {
        int row = Source.IndexOf(word);
        return row < Count ? row : -1;
    }

    /// <summary>The row of a word given as characters among the first <see cref="Count"/>, or -1; allocates nothing.</summary>
    public int IndexOf(ReadOnlySpan<char> word)
    {
        int row = Source.IndexOf(word);
        return row < Count ? row : -1;
    }

    public static void Normalize(ReadOnlySpan<float> vector, Span<float> destination)
    {
        float norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, destination);
        }
        else
        {
            destination.Clear();
        }
    }
}

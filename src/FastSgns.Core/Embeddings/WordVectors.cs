namespace FastSgns.Embeddings;

/// <summary>Words and their vectors in one contiguous row-major array: what models are saved from and loaded into.</summary>
public sealed class WordVectors
{
    private readonly string[] _words;
    private readonly float[] _data;
    private Dictionary<string, int>? _index;

    public int Count => _words.Length;
    public int Dim { get; }
    public IReadOnlyList<string> Words => _words;

    /// <summary>The row-major matrix, Count × Dim.</summary>
    public ReadOnlySpan<float> Data => _data;

    public WordVectors(string[] words, float[] data, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if ((long)words.Length * dim != data.Length)
        {
            throw new ArgumentException($"{words.Length} words × {dim} dims needs {(long)words.Length * dim} values, got {data.Length}.");
        }

        _words = words;
        _data = data;
        Dim = dim;
    }

    /// <summary>Copies the first Dim values of each row of a trained matrix.</summary>
    public static WordVectors From(IReadOnlyList<string> words, EmbeddingMatrix matrix)
    {
        var data = new float[(long)matrix.Rows * matrix.Dim];
        for (int r = 0; r < matrix.Rows; r++)
        {
            matrix.Row(r).CopyTo(data.AsSpan(r * matrix.Dim, matrix.Dim));
        }

        return new WordVectors([.. words], data, matrix.Dim);
    }

    public ReadOnlySpan<float> this[int row] => _data.AsSpan(row * Dim, Dim);

    public string Word(int row) => _words[row];

    /// <summary>The row of <paramref name="word"/>, or -1. The first occurrence wins if a file repeats a word.</summary>
    public int IndexOf(string word) => Index.TryGetValue(word, out int row) ? row : -1;

    /// <summary>The row of a word given as characters, or -1; allocates nothing (the index's alternate lookup).</summary>
    public int IndexOf(ReadOnlySpan<char> word) =>
        Index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out int row) ? row : -1;

    /// <summary>
    /// Built on first use. Two threads racing here both build a complete index and one wins, which is harmless, so
    /// concurrent queries need no lock.
    /// </summary>
    private Dictionary<string, int> Index
    {
        get
        {
            if (_index is null)
            {
                var index = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
                for (int i = 0; i < _words.Length; i++)
                {
                    index.TryAdd(_words[i], i);
                }

                _index = index;
            }

            return _index;
        }
    }
}

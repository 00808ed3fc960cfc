namespace FastSgns.Embeddings;

/// <summary>
/// A model: its words in row order and the matrix of their vectors, which it owns (training hands over its input
/// matrix; a reader fills a new one), plus the unit-length copy that cosine queries and evaluation read, built on
/// first use into a second <see cref="EmbeddingMatrix"/>. Disposing releases both matrices.
/// </summary>
internal sealed class WordEmbeddings : IDisposable
{
    private readonly string[] _words;
    private Dictionary<string, int>? _index;
    private EmbeddingMatrix? _unit;

    /// <summary>Takes ownership of <paramref name="vectors"/>, whose rows belong to <paramref name="words"/> in order.</summary>
    public WordEmbeddings(IReadOnlyList<string> words, EmbeddingMatrix vectors)
    {
        if (words.Count != vectors.Rows)
        {
            throw new ArgumentException($"{words.Count} words for a matrix of {vectors.Rows} rows.", nameof(words));
        }

        _words = [.. words];
        Vectors = vectors;
    }

    /// <summary>Copies row-major values (words.Count × dim, no padding) into a new matrix: models built by hand.</summary>
    public static WordEmbeddings FromRowMajor(IReadOnlyList<string> words, ReadOnlySpan<float> values, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if ((long)words.Count * dim != values.Length)
        {
            throw new ArgumentException($"{words.Count} words × {dim} dims needs {(long)words.Count * dim} values, got {values.Length}.", nameof(values));
        }

        var matrix = new EmbeddingMatrix(words.Count, dim);
        for (int r = 0; r < words.Count; r++)
        {
            values.Slice(r * dim, dim).CopyTo(matrix.Row(r));
        }

        return new WordEmbeddings(words, matrix);
    }

    /// <summary>The vectors as trained or read, one row per word.</summary>
    public EmbeddingMatrix Vectors { get; }

    /// <summary>
    /// Every row scaled to unit length (zero rows stay zero), built on first use. Two threads racing here may both
    /// build one; one wins and the other is released, so concurrent queries need no lock.
    /// </summary>
    public EmbeddingMatrix UnitVectors => _unit ?? BuildUnitVectors();

    public int Count => _words.Length;
    public int Dim => Vectors.Dim;

    /// <summary>The words in row order; for word2vec files, most frequent first.</summary>
    public IReadOnlyList<string> Words => _words;

    public string Word(int row) => _words[row];

    /// <summary>The row of <paramref name="word"/>, or -1. The first occurrence wins if a file repeats a word.</summary>
    public int IndexOf(string word) => Index.TryGetValue(word, out int row) ? row : -1;

    /// <summary>The row of a word given as characters, or -1; allocates nothing (the index's alternate lookup).</summary>
    public int IndexOf(ReadOnlySpan<char> word) =>
        Index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out int row) ? row : -1;

    public void Dispose()
    {
        Vectors.Dispose();
        Interlocked.Exchange(ref _unit, null)?.Dispose();
    }

    private EmbeddingMatrix BuildUnitVectors()
    {
        EmbeddingMatrix unit = Vectors.ToUnitLength();
        EmbeddingMatrix? winner = Interlocked.CompareExchange(ref _unit, unit, null);
        if (winner is not null)
        {
            unit.Dispose();
            return winner;
        }

        // A Dispose that ran while this one was being built must not leave it behind.
        if (Vectors.IsDisposed)
        {
            Interlocked.Exchange(ref _unit, null)?.Dispose();
        }

        return unit;
    }

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

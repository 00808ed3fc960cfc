using FastSgns.Embeddings;
using FastSgns.Writers;

namespace FastSgns;

/// <summary>
/// The public face of FastSgns: train word vectors, save and load them in word2vec's formats, and query them.
/// The model owns its vectors in native memory: dispose it to release them at once (an undisposed model releases
/// them when collected); any query after <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>. The
/// unit-length matrix behind queries is built once, on first use. A model never changes once made, so any number of
/// threads may query it at once.
/// </summary>
public sealed partial class SgnsModel : IDisposable
{
    /// <summary>Takes ownership of <paramref name="embeddings"/>: disposing the model disposes them.</summary>
    internal SgnsModel(WordEmbeddings embeddings) => Embeddings = embeddings;

    /// <summary>The words and matrices behind the model, for evaluation and the writers.</summary>
    internal WordEmbeddings Embeddings { get; }

    /// <summary>The vectors as trained or read, one row per word.</summary>
    internal EmbeddingMatrix Vectors => Embeddings.Vectors;

    /// <summary>How many words (rows) the model has.</summary>
    public int Count => Embeddings.Count;

    /// <summary>How many dimensions each vector has.</summary>
    public int Dim => Embeddings.Dim;

    /// <summary>The words in file order; for word2vec files, most frequent first.</summary>
    public IReadOnlyList<string> Words => Embeddings.Words;

    /// <summary>Loads a word2vec text or binary file (word2vec.c's, gensim's or fastText's .vec); the format is detected.</summary>
    public static SgnsModel Load(string path) => new(Word2VecReader.Load(path));

    /// <summary>Writes word2vec's text or binary format atomically (temporary file, then rename).</summary>
    public void Save(string path, bool binary = false)
    {
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        Word2VecWriter.Save(Embeddings, path, binary);
    }

    /// <summary>All rows scaled to unit length; built on first use (racing threads may both build it; one wins).</summary>
    internal EmbeddingMatrix UnitVectors => Embeddings.UnitVectors;

    /// <summary>The word of a row, e.g. of <see cref="Queries.Neighbor.Index"/>.</summary>
    public string Word(int index) => Embeddings.Word(index);

    /// <summary>The row of a word, or -1.</summary>
    public int IndexOf(string word) => Embeddings.IndexOf(word);

    /// <summary>The row of a word, or -1; allocates nothing.</summary>
    public int IndexOf(ReadOnlySpan<char> word) => Embeddings.IndexOf(word);

    /// <summary>Whether the word is in the model (case-sensitive).</summary>
    public bool Contains(string word) => Embeddings.IndexOf(word) >= 0;

    /// <summary>Whether the word is in the model (case-sensitive); allocates nothing.</summary>
    public bool Contains(ReadOnlySpan<char> word) => Embeddings.IndexOf(word) >= 0;

    /// <summary>The vector of a word as stored (not normalized); empty if the word is unknown. Valid until disposed.</summary>
    public ReadOnlySpan<float> GetVector(string word)
    {
        int row = Embeddings.IndexOf(word);
        return row < 0 ? ThrowIfDisposed() : Vectors.Row(row);
    }

    /// <summary>The vector of a word as stored (not normalized); empty if the word is unknown. Allocates nothing.</summary>
    public ReadOnlySpan<float> GetVector(ReadOnlySpan<char> word)
    {
        int row = Embeddings.IndexOf(word);
        return row < 0 ? ThrowIfDisposed() : Vectors.Row(row);
    }

    /// <summary>The vector of a row as stored.</summary>
    public ReadOnlySpan<float> GetVector(int index) => Vectors.Row(CheckIndex(index));

    /// <summary>The vector of a row scaled to unit length (all zeros for a zero vector).</summary>
    public ReadOnlySpan<float> GetUnitVector(int index) => UnitVectors.Row(CheckIndex(index));

    /// <summary>The vector of a word as stored, like gensim's <c>kv["word"]</c>; throws <see cref="KeyNotFoundException"/> if unknown.</summary>
    public ReadOnlySpan<float> this[string word] => Vectors.Row(RowOf(word));

    /// <summary>Releases the vectors and the unit matrix; a query running meanwhile finishes first.</summary>
    public void Dispose()
    {
        Embeddings.Dispose();
        _full?.Dispose();
    }

    /// <summary>An unknown word after Dispose is still a disposed model, not an empty answer.</summary>
    private ReadOnlySpan<float> ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        return default;
    }

    private int CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index;
    }

    private int RowOf(string word)
    {
        int row = Embeddings.IndexOf(word);
        return row >= 0 ? row : throw UnknownWord(word);
    }

    private int RowOf(ReadOnlySpan<char> word)
    {
        int row = Embeddings.IndexOf(word);
        return row >= 0 ? row : throw UnknownWord(word.ToString());
    }

    /// <summary>Words are case-sensitive; most models are lowercased, so say so when that is the likely slip.</summary>
    private Exception UnknownWord(string word)
    {
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        string lower = word.ToLowerInvariant();
        string hint = lower != word && Embeddings.IndexOf(lower) >= 0 ? $" (but \"{lower}\" is)" : "";
        return new KeyNotFoundException($"\"{word}\" is not in the vocabulary{hint}.");
    }
}

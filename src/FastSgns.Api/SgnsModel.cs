using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Pipeline;
using FastSgns.Training;
using FastSgns.Writers;

namespace FastSgns;

/// <summary>
/// The public face of FastSgns: train word vectors, save and load them in word2vec's formats, and query them.
/// The unit-length matrix behind queries is built once, on first use. A model is immutable once made, so any
/// number of threads may query it at once.
/// </summary>
public sealed partial class SgnsModel
{
    private UnitVectors? _unit;

    public WordVectors Vectors { get; }

    public int Count => Vectors.Count;
    public int Dim => Vectors.Dim;

    /// <summary>The words in file order; for word2vec files, most frequent first.</summary>
    public IReadOnlyList<string> Words => Vectors.Words;

    public SgnsModel(WordVectors vectors) => Vectors = vectors;

    /// <summary>Trains on one or more UTF-8 text files, read as one corpus.</summary>
    public static SgnsModel Train(IReadOnlyList<string> inputFiles, TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default) =>
        new(new TrainingPipeline(options) { Progress = progress }.TrainFiles(inputFiles, cancellation));

    /// <summary>Trains on UTF-8 text in memory.</summary>
    public static SgnsModel TrainText(byte[] utf8, TrainingOptions options, CancellationToken cancellation = default) =>
        new(new TrainingPipeline(options).TrainText(utf8, cancellation));

    /// <summary>Loads a word2vec text or binary file (word2vec.c's, gensim's or fastText's .vec); the format is detected.</summary>
    public static SgnsModel Load(string path) => new(Word2VecReader.Load(path));

    /// <summary>Writes word2vec's text or binary format atomically (temporary file, then rename).</summary>
    public void Save(string path, bool binary = false) => Word2VecWriter.Save(Vectors, path, binary);

    /// <summary>All rows scaled to unit length; built on first use (racing threads may both build it; one wins).</summary>
    public UnitVectors UnitVectors => _unit ?? BuildUnitVectors();

    /// <summary>The word of a row, e.g. of <see cref="Queries.Neighbor.Index"/>.</summary>
    public string Word(int index) => Vectors.Word(index);

    /// <summary>The row of a word, or -1.</summary>
    public int IndexOf(string word) => Vectors.IndexOf(word);

    /// <summary>The row of a word, or -1; allocates nothing.</summary>
    public int IndexOf(ReadOnlySpan<char> word) => Vectors.IndexOf(word);

    public bool Contains(string word) => Vectors.IndexOf(word) >= 0;

    public bool Contains(ReadOnlySpan<char> word) => Vectors.IndexOf(word) >= 0;

    /// <summary>The vector of a word as stored (not normalized); empty if the word is unknown.</summary>
    public ReadOnlySpan<float> GetVector(string word)
    {
        int row = Vectors.IndexOf(word);
        return row < 0 ? default : Vectors[row];
    }

    /// <summary>The vector of a word as stored (not normalized); empty if the word is unknown. Allocates nothing.</summary>
    public ReadOnlySpan<float> GetVector(ReadOnlySpan<char> word)
    {
        int row = Vectors.IndexOf(word);
        return row < 0 ? default : Vectors[row];
    }

    /// <summary>The vector of a row as stored.</summary>
    public ReadOnlySpan<float> GetVector(int index) => Vectors[CheckIndex(index)];

    /// <summary>The vector of a row scaled to unit length (all zeros for a zero vector).</summary>
    public ReadOnlySpan<float> GetUnitVector(int index) => UnitVectors[CheckIndex(index)];

    /// <summary>The vector of a word as stored, like gensim's <c>kv["word"]</c>; throws <see cref="KeyNotFoundException"/> if unknown.</summary>
    public ReadOnlySpan<float> this[string word] => Vectors[RowOf(word)];

    private UnitVectors BuildUnitVectors()
    {
        var unit = new UnitVectors(Vectors);
        return Interlocked.CompareExchange(ref _unit, unit, null) ?? unit;
    }

    private int CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index;
    }

    private int RowOf(string word)
    {
        int row = Vectors.IndexOf(word);
        return row >= 0 ? row : throw UnknownWord(word);
    }

    private int RowOf(ReadOnlySpan<char> word)
    {
        int row = Vectors.IndexOf(word);
        return row >= 0 ? row : throw UnknownWord(word.ToString());
    }

    /// <summary>Words are case-sensitive; most models are lowercased, so say so when that is the likely slip.</summary>
    private KeyNotFoundException UnknownWord(string word)
    {
        string lower = word.ToLowerInvariant();
        string hint = lower != word && Vectors.IndexOf(lower) >= 0 ? $" (but \"{lower}\" is)" : "";
        return new KeyNotFoundException($"\"{word}\" is not in the vocabulary{hint}.");
    }
}

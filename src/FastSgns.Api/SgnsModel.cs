using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Queries;
using FastSgns.Training;
using FastSgns.Writers;

namespace FastSgns;

/// <summary>
/// The public face of FastSgns: train word vectors, save and load them in word2vec's formats, and query them.
/// The unit-length matrix behind queries is built once, on first use.
/// </summary>
public sealed class SgnsModel
{
    private UnitVectors? _unit;

    public WordVectors Vectors { get; }

    public int Count => Vectors.Count;
    public int Dim => Vectors.Dim;
    public IReadOnlyList<string> Words => Vectors.Words;

    public SgnsModel(WordVectors vectors) => Vectors = vectors;

    /// <summary>Trains on one or more UTF-8 text files, read as one corpus.</summary>
    public static SgnsModel Train(IReadOnlyList<string> inputFiles, TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default) =>
        new(new TrainingPipeline(options) { Progress = progress }.TrainFiles(inputFiles, cancellation));

    /// <summary>Trains on UTF-8 text in memory.</summary>
    public static SgnsModel TrainText(byte[] utf8, TrainingOptions options, CancellationToken cancellation = default) =>
        new(new TrainingPipeline(options).TrainText(utf8, cancellation));

    /// <summary>Loads a word2vec text or binary file; the format is detected.</summary>
    public static SgnsModel Load(string path) => new(Word2VecReader.Load(path));

    /// <summary>Writes word2vec's text or binary format atomically (temporary file, then rename).</summary>
    public void Save(string path, bool binary = false) => Word2VecWriter.Save(Vectors, path, binary);

    public UnitVectors UnitVectors => _unit ??= new UnitVectors(Vectors);

    /// <summary>The vector of a word; empty if the word is unknown.</summary>
    public ReadOnlySpan<float> GetVector(string word)
    {
        int row = Vectors.IndexOf(word);
        return row < 0 ? default : Vectors[row];
    }

    public bool Contains(string word) => Vectors.IndexOf(word) >= 0;

    /// <summary>Cosine similarity of two words.</summary>
    public float Similarity(string first, string second)
    {
        int a = RowOf(first), b = RowOf(second);
        return System.Numerics.Tensors.TensorPrimitives.Dot(UnitVectors[a], UnitVectors[b]);
    }

    /// <summary>The k words closest to <paramref name="word"/> by cosine, the word itself excluded.</summary>
    public IReadOnlyList<(string Word, float Similarity)> MostSimilar(string word, int k = 10)
    {
        int row = RowOf(word);
        return Collect(UnitVectors[row], [row], k);
    }

    /// <summary>a : b :: c : ? by 3CosAdd (b − a + c over unit vectors), the three words excluded.</summary>
    public IReadOnlyList<(string Word, float Similarity)> Analogy(string a, string b, string c, int k = 1)
    {
        int ia = RowOf(a), ib = RowOf(b), ic = RowOf(c);
        var query = new float[Dim];
        for (int j = 0; j < Dim; j++)
        {
            query[j] = UnitVectors[ib][j] - UnitVectors[ia][j] + UnitVectors[ic][j];
        }

        return Collect(query, [ia, ib, ic], k);
    }

    private List<(string, float)> Collect(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var results = new (int Row, float Score)[Math.Min(k, Count)];
        int found = NearestNeighbors.Find(UnitVectors, query, exclude, results);
        var list = new List<(string, float)>(found);
        for (int i = 0; i < found; i++)
        {
            list.Add((Vectors.Word(results[i].Row), results[i].Score));
        }

        return list;
    }

    private int RowOf(string word)
    {
        int row = Vectors.IndexOf(word);
        return row >= 0 ? row : throw new KeyNotFoundException($"\"{word}\" is not in the vocabulary.");
    }
}

using System.Numerics;
using System.Runtime.InteropServices;
using FastSgns.Embeddings;

namespace FastSgns.Training;

/// <summary>
/// One worker's private copies of the hottest rows of both matrices (negative sampling without hierarchical softmax:
/// skip-gram batched or per pair, and CBOW; two threads or more). The most frequent words are contexts, centers and
/// negatives in nearly every batch, pair or CBOW example of every worker, so with one shared copy each write to such a
/// row finds its cache lines in the other core's cache and waits for them to come back. Here each worker trains rows
/// [0, <see cref="Count"/>) (the vocabulary is sorted by count, so these are the hottest) in its own block of the
/// matrices' spare rows, reached by moving those ids past the matrix (<see cref="Remap"/>), and every
/// <see cref="MergeWords"/> words it adds what it changed since the last merge to the shared rows and takes their sum
/// back (<see cref="Merge"/>). Merges are serialized, so no merged change is lost; between merges a worker sees the others'
/// changes to these rows late, as distributed training sees another process's (DISTRIBUTED.md).
/// </summary>
internal sealed class HotRows
{
    /// <summary>
    /// Hot rows per worker at most: 1,024 rows of both matrices hold ~36 % of the negatives and ~43 % of the kept
    /// words on wiki text (unigram^0.75 and the 1e-4 subsampler) in 0.9 MB per worker at dim 100, within a core's L2.
    /// </summary>
    public const int MaxRows = 1024;

    /// <summary>Words a worker reads between merges: a merge of 1,024 rows costs ~0.1 ms, about 1 % of them.</summary>
    public const int MergeWords = 1 << 15;

    private readonly EmbeddingMatrix _input;
    private readonly EmbeddingMatrix _output;
    private readonly int _first;
    private readonly int _offset;
    private readonly float[] _inputSeen;
    private readonly float[] _outputSeen;
    private readonly Lock _merging;
    private long _nextMerge;

    /// <param name="worker">The worker; it owns spare rows [worker·count, (worker + 1)·count) of both matrices.</param>
    /// <param name="merging">The lock every worker of the run merges under.</param>
    public HotRows(EmbeddingMatrix input, EmbeddingMatrix output, int count, int worker, Lock merging)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (input.Rows != output.Rows || input.Stride != output.Stride || (long)(worker + 1) * count > Math.Min(input.SpareRows, output.SpareRows))
        {
            throw new ArgumentException($"Worker {worker}'s {count} hot rows need matrices of one shape with {(long)(worker + 1) * count} spare rows.");
        }

        (_input, _output, _merging) = (input, output, merging);
        Count = Math.Min(count, input.Rows);
        _first = worker * count;
        _offset = input.Rows + _first;
        _inputSeen = new float[Count * input.Stride];
        _outputSeen = new float[Count * input.Stride];
        lock (_merging)
        {
            input.Block(0, Count).CopyTo(_inputSeen);
            input.Block(0, Count).CopyTo(input.SpareBlock(_first, Count));
            output.Block(0, Count).CopyTo(_outputSeen);
            output.Block(0, Count).CopyTo(output.SpareBlock(_first, Count));
        }
    }

    /// <summary>Rows [0, Count) of each matrix are trained in private.</summary>
    public int Count { get; }

    /// <summary>
    /// The hot rows per worker for a vocabulary of <paramref name="words"/> at <paramref name="threads"/> threads:
    /// none for one thread (nothing is shared), else <see cref="MaxRows"/> or a sixteenth of a small vocabulary.
    /// </summary>
    public static int RowsFor(int words, int threads) => threads < 2 ? 0 : Math.Min(MaxRows, words / 16);

    /// <summary>Moves the hot ids among <paramref name="ids"/> to this worker's private rows.</summary>
    public void Remap(Span<int> ids)
    {
        var count = new Vector<int>(Count);
        var offset = new Vector<int>(_offset);
        Span<Vector<int>> vectors = MemoryMarshal.Cast<int, Vector<int>>(ids);
        for (int i = 0; i < vectors.Length; i++)
        {
            Vector<int> v = vectors[i];
            vectors[i] = v + (Vector.LessThan(v, count) & offset);
        }

        for (int i = vectors.Length * Vector<int>.Count; i < ids.Length; i++)
        {
            ids[i] += ids[i] < Count ? _offset : 0;
        }
    }

    /// <summary>Merges once <paramref name="wordsRead"/> (the worker's running count) reaches the next merge point.</summary>
    public void MergeIfDue(long wordsRead)
    {
        if (wordsRead >= _nextMerge)
        {
            Merge();
            _nextMerge = wordsRead + MergeWords;
        }
    }

    /// <summary>
    /// Adds this worker's changes since the last merge to the shared rows and takes the result as its own: the shared
    /// rows then hold every worker's merged changes. Before a checkpoint is saved and as the worker exits.
    /// </summary>
    public void Merge()
    {
        lock (_merging)
        {
            Fold(_input.Block(0, Count), _input.SpareBlock(_first, Count), _inputSeen);
            Fold(_output.Block(0, Count), _output.SpareBlock(_first, Count), _outputSeen);
        }
    }

    /// <summary>shared += own − seen; own = seen = shared. Strides are multiples of 16 floats, so whole vectors.</summary>
    private static void Fold(Span<float> shared, Span<float> own, Span<float> seen)
    {
        Span<Vector<float>> s = MemoryMarshal.Cast<float, Vector<float>>(shared);
        Span<Vector<float>> o = MemoryMarshal.Cast<float, Vector<float>>(own);
        Span<Vector<float>> b = MemoryMarshal.Cast<float, Vector<float>>(seen);
        for (int i = 0; i < s.Length; i++)
        {
            Vector<float> sum = s[i] + (o[i] - b[i]);
            s[i] = sum;
            o[i] = sum;
            b[i] = sum;
        }
    }
}

using FastSgns.Ids;
using FastSgns.Sampling;

namespace FastSgns.Training;

internal sealed partial class SgnsTrainer
{
    /// <summary>
    /// How far past an even split a slice start looks for a line end. Training cuts lines into sentences of
    /// <see cref="Sentence.MaxLength"/> kept words anyway, so a slice that starts inside a longer line only loses the
    /// windows across its first cut; moving to the line's end instead would hand a one-line corpus (text8) or a corpus
    /// of whole books to the first worker.
    /// </summary>
    internal const int SliceSearchIds = 1 << 16;

    /// <summary>
    /// Thread t trains on [bounds[t], bounds[t+1]); an inner bound moves forward to the next sentence start when one
    /// lies within <see cref="SliceSearchIds"/> ids and otherwise stays at the even split.
    /// </summary>
    internal static long[] SliceBounds(EncodedCorpus corpus, int threads) => SliceBounds(corpus, threads, 0, corpus.Length);

    /// <summary>
    /// <see cref="SliceBounds(EncodedCorpus, int)"/> of the ids [<paramref name="from"/>, <paramref name="to"/>) alone, as
    /// if they were the whole corpus (a distributed job resumed on fewer processes holds several shards in one corpus).
    /// </summary>
    internal static long[] SliceBounds(EncodedCorpus corpus, int threads, long from, long to)
    {
        var bounds = new long[threads + 1];
        bounds[0] = from;
        bounds[threads] = to;
        long length = to - from;
        for (int t = 1; t < threads; t++)
        {
            long even = Math.Max(bounds[t - 1], from + length * t / threads);
            bounds[t] = even <= from || even >= to ? even : corpus.NextLineStart(even, to, SliceSearchIds) is var start and >= 0 ? start : even;
        }

        return bounds;
    }
}

using FastSgns.Corpus;

namespace FastSgns.Distributed;

/// <summary>
/// The byte ranges of the inputs one rank reads, decided identically on every rank from the file sizes alone. Each
/// plain file is cut at whitespace (as the parallel counter and encoder cut it) into ranks × k chunks of at most
/// <see cref="ChunkBytes"/>, and rank r takes the r-th run of k consecutive chunks, so every rank reads about the
/// same share of every file and its chunks are in corpus order. A .gz file cannot be cut: it goes whole to one rank,
/// round robin. Together the ranks read every byte exactly once.
/// </summary>
internal sealed class ShardPlan
{
    /// <summary>The chunk size the parallel encoder uses: small enough to balance threads, large enough to amortise a chunk.</summary>
    public const long ChunkBytes = 8 << 20;

    /// <summary>A range of file <see cref="File"/>; Start &lt; 0 means the whole (.gz) file.</summary>
    public readonly record struct Range(int File, long Start, long End, bool EndsFile)
    {
        public bool IsWholeFile => Start < 0;
    }

    public IReadOnlyList<Range> Ranges { get; }

    private ShardPlan(List<Range> ranges) => Ranges = ranges;

    public static ShardPlan For(CorpusFiles files, int rank, int ranks, long chunkBytes = ChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, ranks);
        var ranges = new List<Range>();
        int gzip = 0;
        for (int f = 0; f < files.Count; f++)
        {
            if (!files.IsSplittable(f))
            {
                if (gzip++ % ranks == rank)
                {
                    ranges.Add(new Range(f, -1, -1, EndsFile: true));
                }

                continue;
            }

            long length = files.TextLength(f);
            int perRank = (int)Math.Clamp((length + ranks * chunkBytes - 1) / (ranks * chunkBytes), 1, (1 << 24) / ranks);
            long[] bounds = files.SplitAtWhitespace(f, ranks * perRank);
            int last = ranks * perRank - 1;
            for (int p = rank * perRank; p < (rank + 1) * perRank; p++)
            {
                if (bounds[p + 1] > bounds[p])
                {
                    ranges.Add(new Range(f, bounds[p], bounds[p + 1], EndsFile: p == last));
                }
            }
        }

        return new ShardPlan(ranges);
    }
}

using System.Globalization;
using System.Numerics;

namespace FastSgns.Distributed;

/// <summary>
/// How often ranks exchange rows. Each time a rank has trained <see cref="Words"/> more words, it syncs the
/// <see cref="HotRows"/> most frequent words' rows (the rows every rank touches all the time); every
/// <see cref="WideEvery"/>-th sync takes twice as many, every 2·<see cref="WideEvery"/>-th four times as many, and so
/// on up to the whole vocabulary (with <see cref="WideEvery"/> 2, pWord2Vec-MPI's schedule: hot rows × 2^(trailing
/// zeros of the sync's number)). The end of training always syncs every row. The cadence is counted in words, not
/// seconds, so how stale a rank's model gets between syncs (what decides the accuracy) does not depend on how fast
/// the machine runs.
/// </summary>
internal sealed record SyncSettings
{
    public const long DefaultWords = 49_152;
    public const int DefaultHotRows = 1024;
    public const int DefaultWideEvery = 2;

    /// <summary>The largest <see cref="Words"/>: 2^40, beyond any corpus a rank trains.</summary>
    public const long MaxWords = 1L << 40;

    /// <summary>
    /// How often the training thread looks at the word count for a due sync: 2 ms is about 3,000 words of one worker
    /// thread, well inside any useful <see cref="Words"/> (the workers publish their counts every 16,384 words).
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>Names a link to emulate on top of the real one: "BITS_PER_SECOND[,LATENCY_SECONDS]", e.g. "1e9,50e-6".</summary>
    public const string LinkVariable = "FASTSGNS_SYNC_LINK";

    /// <summary>Names the rule that combines the ranks' changes to a row: adaptive (default), sum or average (<see cref="CombineRule"/>).</summary>
    public const string CombineVariable = "FASTSGNS_SYNC_COMBINE";

    /// <summary>
    /// Words this rank trains between two syncs at the starting learning rate (the ranks pair their k-th syncs, so the
    /// slowest rank sets the pace). With <see cref="GrowWithDecay"/>, the interval is <see cref="Words"/> × starting
    /// rate / current rate, at most <see cref="MaxGrowth"/> times <see cref="Words"/>.
    /// </summary>
    public long Words { get; init; } = DefaultWords;

    /// <summary>
    /// Whether the interval grows as the learning rate decays (an experiment, off by default). How far a rank's rows
    /// drift from the others' between syncs is the updates it makes meanwhile times their size, the rate: holding
    /// words × rate constant holds the drift at its level of the start, with half the syncs over a run whose rate
    /// decays to zero. Measured on wiki40m (DISTRIBUTED.md), it lost 1.2–1.6 analogy points that the fixed cadence
    /// keeps: the late, small updates need fresh rows too.
    /// </summary>
    public bool GrowWithDecay { get; init; }

    /// <summary>The most the interval grows (at the last eighth of the run's learning-rate schedule).</summary>
    public const int MaxGrowth = 8;

    /// <summary>Names the cadence: "fixed" (default: every <see cref="Words"/> words throughout) or "decay" (<see cref="GrowWithDecay"/>).</summary>
    public const string CadenceVariable = "FASTSGNS_SYNC_CADENCE";

    /// <summary>Words due between syncs when <paramref name="done"/> of the run's <paramref name="total"/> words are trained.</summary>
    public long WordsAt(long done, long total)
    {
        if (!GrowWithDecay || total <= 0)
        {
            return Words;
        }

        double left = Math.Max(1.0 / MaxGrowth, 1 - (double)done / total);
        return (long)Math.Min(MaxWords, Words / left);
    }

    /// <summary>
    /// Whether the periodic syncs send the changes rounded to bfloat16 and gather them from every rank (half the bytes,
    /// no reduction inside MPI) instead of summing exact ones; what the rounding drops stays in each rank's live rows for
    /// a later sync (<see cref="RowAverager"/>'s bfloat16 part); the final sync and a checkpoint's are exact. Null (the
    /// default): up to <see cref="MaxGatherRanks"/> ranks (<see cref="GathersBf16"/>).
    /// </summary>
    public bool? Bf16Changes { get; init; }

    /// <summary>
    /// The most ranks for which bfloat16 changes are gathered by default: a ring allgather gives each rank (N−1)·B/2
    /// bytes where a ring allreduce of single-precision changes moves 2(N−1)/N·B, fewer up to 3 ranks, as many at 4 (in
    /// N−1 steps instead of 2(N−1), with no reduction); beyond, the allreduce moves fewer.
    /// </summary>
    public const int MaxGatherRanks = 4;

    /// <summary>Whether a job of <paramref name="ranks"/> ranks gathers bfloat16 changes at its periodic syncs.</summary>
    public bool GathersBf16(int ranks) => Bf16Changes ?? ranks <= MaxGatherRanks;

    /// <summary>Names the precision of the periodic syncs' changes: "single" or "bf16" (<see cref="Bf16Changes"/>); unset, by the ranks.</summary>
    public const string PrecisionVariable = "FASTSGNS_SYNC_PRECISION";

    /// <summary>Reads <see cref="PrecisionVariable"/>: "single" or "bf16", null when unset; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static bool? Bf16ChangesFromEnvironment() => Environment.GetEnvironmentVariable(PrecisionVariable) switch
    {
        null or "" => null,
        "single" => false,
        "bf16" => true,
        string other => throw new ArgumentException($"{PrecisionVariable} must be single or bf16, got \"{other}\"."),
    };

    /// <summary>Reads <see cref="CadenceVariable"/>: "fixed" or unset, "decay"; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static bool GrowWithDecayFromEnvironment() => Environment.GetEnvironmentVariable(CadenceVariable) switch
    {
        null or "" or "fixed" => false,
        "decay" => true,
        string other => throw new ArgumentException($"{CadenceVariable} must be fixed or decay, got \"{other}\"."),
    };

    /// <summary>
    /// How a row's changes are combined (DISTRIBUTED.md measures the rules): averaging (pWord2Vec-MPI) lost more than
    /// half the analogy accuracy on wiki10m at 2 ranks; the plain sum overshot the synthetic corpus's rows at 3 ranks.
    /// </summary>
    public CombineRule Combine { get; init; } = CombineRule.Adaptive;

    public int HotRows { get; init; } = DefaultHotRows;

    /// <summary>
    /// Every this many syncs the rows beyond the hot ones get their turn (the doubling schedule counts these syncs); the
    /// others take the hot rows alone, a small block, so the hot rows can travel often for a fraction of the bytes.
    /// </summary>
    public int WideEvery { get; init; } = DefaultWideEvery;

    /// <summary>An emulated link (bandwidth in bit/s, latency in s) whose cost each collective sleeps; null: none.</summary>
    public (double BitsPerSecond, double Latency)? EmulatedLink { get; init; }

    /// <summary>
    /// Whether the rows beyond the hot ones travel spread over the syncs (default) rather than in bursts. Both give every
    /// row the same period: the hot rows every sync, and the rows of level j ≥ 1 (ranks [H·2^(j−1), H·2^j)) every
    /// K·2^(j−1) syncs. In bursts (pWord2Vec-MPI's schedule, <see cref="RowsAt"/>) a level travels whole, so the sync
    /// of every row carries a fifth of all the bytes and the few syncs of the widest levels two thirds (wiki40m): while
    /// those run, for most of the sync time, the hot rows wait. Spread, every sync carries the hot rows and the next
    /// 1/(K·2^(j−1)) of every level, in turn: every sync is about the same size, about H·(1 + levels / K) rows.
    /// </summary>
    public bool Spread { get; init; } = true;

    /// <summary>Names the schedule: "spread" (default: <see cref="Spread"/>) or "burst" (every level whole, pWord2Vec-MPI's).</summary>
    public const string ScheduleVariable = "FASTSGNS_SYNC_SCHEDULE";

    /// <summary>Reads <see cref="ScheduleVariable"/>: "spread" or unset, "burst"; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static bool SpreadFromEnvironment() => Environment.GetEnvironmentVariable(ScheduleVariable) switch
    {
        null or "" or "spread" => true,
        "burst" => false,
        string other => throw new ArgumentException($"{ScheduleVariable} must be spread or burst, got \"{other}\"."),
    };

    /// <summary>
    /// Fills <paramref name="ranges"/> with the rows the <paramref name="sync"/>-th sync (from 1) exchanges in a
    /// vocabulary of <paramref name="vocabulary"/> words, as ranges of hotness ranks (0 the most frequent word).
    /// </summary>
    public void RangesAt(long sync, int vocabulary, List<(int From, int Count)> ranges)
    {
        ranges.Clear();
        if (!Spread)
        {
            ranges.Add((0, RowsAt(sync, vocabulary)));
            return;
        }

        ranges.Add((0, Math.Min(vocabulary, HotRows)));
        long period = WideEvery;
        for (long start = HotRows; start < vocabulary; start *= 2, period *= 2)
        {
            long size = Math.Min(vocabulary, 2 * start) - start;
            long each = (size + period - 1) / period;
            long offset = (sync - 1) % period * each;
            if (offset < size)
            {
                ranges.Add(((int)(start + offset), (int)Math.Min(each, size - offset)));
            }
        }
    }

    /// <summary>Rows the <paramref name="sync"/>-th sync (from 1) exchanges in bursts in a vocabulary of <paramref name="vocabulary"/> words.</summary>
    public int RowsAt(long sync, int vocabulary) =>
        sync % WideEvery != 0 ? Math.Min(vocabulary, HotRows)
            : (int)Math.Min(vocabulary, (long)HotRows << Math.Min(32, 1 + BitOperations.TrailingZeroCount(sync / WideEvery)));

    public void Validate()
    {
        if (Words is < 1 or > MaxWords)
        {
            throw new ArgumentException($"SyncWords must be between 1 and {MaxWords.ToString(CultureInfo.InvariantCulture)}, got {Words.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (HotRows < 1)
        {
            throw new ArgumentException($"SyncHotRows must be at least 1, got {HotRows}.");
        }

        if (WideEvery < 1)
        {
            throw new ArgumentException($"SyncWideEvery must be at least 1, got {WideEvery}.");
        }
    }

    /// <summary>Reads <see cref="CombineVariable"/>: "adaptive" or unset, "sum", "average"; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static CombineRule CombineFromEnvironment() => Environment.GetEnvironmentVariable(CombineVariable) switch
    {
        null or "" or "adaptive" => CombineRule.Adaptive,
        "sum" => CombineRule.Sum,
        "average" => CombineRule.Average,
        string other => throw new ArgumentException($"{CombineVariable} must be adaptive, sum or average, got \"{other}\"."),
    };

    /// <summary>Reads <see cref="LinkVariable"/>; throws <see cref="ArgumentException"/> naming it when malformed.</summary>
    public static (double, double)? LinkFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(LinkVariable) is not { Length: > 0 } text)
        {
            return null;
        }

        string[] parts = text.Split(',');
        if (parts.Length is < 1 or > 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double bits) || !(bits > 0)
            || !(parts.Length == 1 || (double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double l) && l >= 0)))
        {
            throw new ArgumentException($"{LinkVariable} must be BITS_PER_SECOND[,LATENCY_SECONDS], e.g. 1e9,50e-6; got \"{text}\".");
        }

        double latency = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return (bits, latency);
    }
}

using System.Globalization;
using System.Numerics;

namespace FastSgns.Distributed;

/// <summary>
/// How often ranks exchange rows. Every <see cref="Interval"/> the ranks sync the <see cref="HotRows"/> most frequent
/// words' rows (the rows every rank touches all the time); the k-th sync takes hot rows × 2^(trailing zeros of k), so
/// twice as many rows every 2nd sync, four times every 4th, and so on up to the whole vocabulary (pWord2Vec-MPI's
/// schedule). The end of training always syncs every row.
/// </summary>
internal sealed record SyncSettings
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(0.1);
    public const int DefaultHotRows = 1024;

    /// <summary>Names a link to emulate on top of the real one: "BITS_PER_SECOND[,LATENCY_SECONDS]", e.g. "1e9,50e-6".</summary>
    public const string LinkVariable = "FASTSGNS_SYNC_LINK";

    /// <summary>Names the rule that combines the ranks' changes to a row: adaptive (default), sum or average (<see cref="CombineRule"/>).</summary>
    public const string CombineVariable = "FASTSGNS_SYNC_COMBINE";

    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>
    /// How a row's changes are combined (DISTRIBUTED.md measures the rules): averaging (pWord2Vec-MPI) lost more than
    /// half the analogy accuracy on wiki10m at 2 ranks; the plain sum overshot the synthetic corpus's rows at 3 ranks.
    /// </summary>
    public CombineRule Combine { get; init; } = CombineRule.Adaptive;

    public int HotRows { get; init; } = DefaultHotRows;

    /// <summary>An emulated link (bandwidth in bit/s, latency in s) whose cost each collective sleeps; null: none.</summary>
    public (double BitsPerSecond, double Latency)? EmulatedLink { get; init; }

    /// <summary>Rows the <paramref name="sync"/>-th sync (from 1) exchanges in a vocabulary of <paramref name="vocabulary"/> words.</summary>
    public int RowsAt(long sync, int vocabulary) =>
        (int)Math.Min(vocabulary, (long)HotRows << Math.Min(32, BitOperations.TrailingZeroCount(sync)));

    public void Validate()
    {
        if (!(Interval > TimeSpan.Zero && Interval <= TimeSpan.FromHours(1)))
        {
            throw new ArgumentException($"SyncInterval must be between 0 and 3600 seconds, got {Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (HotRows < 1)
        {
            throw new ArgumentException($"SyncHotRows must be at least 1, got {HotRows}.");
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

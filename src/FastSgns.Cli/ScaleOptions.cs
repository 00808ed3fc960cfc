using System.CommandLine;
using System.Globalization;
using FastSgns.Checkpoints;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// The train options for very large corpora (memory bound on counting, checkpoints, resume), kept apart from
/// <see cref="TrainCommand"/> so that file stays about the model's hyper-parameters.
/// </summary>
internal sealed class ScaleOptions
{
    private readonly Option<string?> _maxVocabMemory = new("--max-vocab-memory")
    {
        Description = "Bound the vocabulary count's tables to about this size (BYTES, or with KB, MB, GB): over it, words seen at most N times " +
                      "are dropped and N rises, as word2vec's ReduceVocab; pruning is logged and makes rare words' counts approximate.",
    };

    private readonly Option<string?> _checkpoint = new("--checkpoint") { Description = "Checkpoint file [default: OUTPUT.checkpoint; none with -o /dev/null]; deleted after a successful run that wrote it or resumed from it." };

    private readonly Option<double> _checkpointEvery = new("--checkpoint-every")
    {
        Description = "Save a checkpoint every N percent of training (at most once per 30 s; 0 = only on Ctrl+C or SIGTERM, which exit with code 75).",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<bool> _resume = new("--resume") { Description = "Continue from the checkpoint (same input and options required)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_maxVocabMemory);
        command.Options.Add(_checkpoint);
        command.Options.Add(_checkpointEvery);
        command.Options.Add(_resume);
    }

    /// <summary>Below this, counting would prune away nearly every word, and the run would fail blaming the corpus.</summary>
    public const long MinVocabMemory = 1L << 20;

    public long MaxVocabMemory(ParseResult result)
    {
        if (result.GetValue(_maxVocabMemory) is not { } text)
        {
            return 0;
        }

        long bytes = ParseSize(text, "--max-vocab-memory");
        return bytes >= MinVocabMemory
            ? bytes
            : throw new ArgumentException($"--max-vocab-memory must be at least 1MB (a smaller bound prunes away nearly the whole vocabulary while counting), got \"{text}\".");
    }

    /// <summary>Whether --resume was given.</summary>
    public bool Resume(ParseResult result) => result.GetValue(_resume);

    /// <summary>The --checkpoint path as given, or null for the default (OUTPUT.checkpoint).</summary>
    public string? CheckpointPath(ParseResult result) => result.GetValue(_checkpoint);

    /// <summary>The checkpoint plan for the resolved checkpoint file (see <see cref="TrainOutputs"/>).</summary>
    public CheckpointPlan? Checkpoints(ParseResult result, string? checkpointPath)
    {
        double every = result.GetValue(_checkpointEvery);
        if (every is < 0 or > 100 || double.IsNaN(every))
        {
            throw new ArgumentException($"--checkpoint-every must be a percentage in [0, 100], got {every}.");
        }

        if (checkpointPath is null)
        {
            return result.GetValue(_resume)
                ? throw new ArgumentException("--resume needs --checkpoint FILE when --output discards the vectors (/dev/null).")
                : null;
        }

        return new CheckpointPlan
        {
            Path = checkpointPath,
            EveryFraction = every / 100,
            Resume = result.GetValue(_resume),
        };
    }

    /// <summary>"123", "64KB", "512MB", "2GB" (decimal-free, binary multiples) to bytes.</summary>
    public static long ParseSize(string text, string option)
    {
        string t = text.Trim().ToUpperInvariant();
        (string digits, long unit) = t.EndsWith("GB", StringComparison.Ordinal) ? (t[..^2], 1L << 30)
            : t.EndsWith("MB", StringComparison.Ordinal) ? (t[..^2], 1L << 20)
            : t.EndsWith("KB", StringComparison.Ordinal) ? (t[..^2], 1L << 10)
            : t.EndsWith('B') ? (t[..^1], 1L)
            : (t, 1L);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0 || value > long.MaxValue / unit)
        {
            throw new ArgumentException($"{option} must be a positive size such as 500000000, 512MB or 2GB, got \"{text}\".");
        }

        return value * unit;
    }
}

using System.CommandLine;
using System.Globalization;
using FastSgns.Checkpoints;
using FastSgns.Distributed;

namespace FastSgns.Cli;

/// <summary>
/// The train options for a run over several processes (MPI): --distributed and the sync intervals, kept apart from
/// <see cref="TrainCommand"/>. Also the launch check: a process started by an MPI launcher without --distributed
/// would train the whole corpus alone and race its copies for the same output files, so it refuses to start.
/// </summary>
internal sealed class DistributedOptions
{
    private readonly Option<bool> _distributed = new("--distributed")
    {
        Description = "Train as one rank of an MPI job (mpirun -np N fastsgns train … --distributed): each rank counts and trains its share of the input, " +
                      "the ranks average the model as they go, rank 0 writes the outputs. See DISTRIBUTED.md.",
    };

    private readonly Option<double> _syncInterval = new("--sync-interval")
    {
        Description = "With --distributed: seconds between model syncs (the hot rows every time, more rows every 2nd, 4th, … sync).",
        DefaultValueFactory = _ => SyncSettings.DefaultInterval.TotalSeconds,
    };

    private readonly Option<int> _syncHotRows = new("--sync-hot-rows")
    {
        Description = "With --distributed: rows of the most frequent words exchanged at every sync (doubling every 2nd, 4th, … sync up to all rows).",
        DefaultValueFactory = _ => SyncSettings.DefaultHotRows,
    };

    /// <summary>This process's rank in the job, once <see cref="Start"/> started it.</summary>
    public DistributedSession? Session { get; private set; }

    /// <summary>With --distributed: checks the sync options, starts MPI and compares the ranks' command lines; null otherwise.</summary>
    public DistributedSession? Start(ParseResult result, CancellationToken cancellation, long maxVocabMemory, string? readVocab, string? checkpoint, CheckpointPlan? checkpoints,
        string? modelFileOption)
    {
        if (!Enabled(result))
        {
            return null;
        }

        SyncSettings settings = Settings(result, maxVocabMemory, readVocab, checkpoint, checkpoints, modelFileOption);
        Session = DistributedSession.Start(settings, Environment.GetCommandLineArgs()[1..], cancellation);
        return Session;
    }

    /// <summary>Ends the rank, if one was started, after the command returned <paramref name="exitCode"/> (see <see cref="DistributedSession.Finish"/>).</summary>
    public int Finish(int exitCode) => DistributedSession.Finish(Session, exitCode);

    public void AddTo(Command command)
    {
        command.Options.Add(_distributed);
        command.Options.Add(_syncInterval);
        command.Options.Add(_syncHotRows);
    }

    public bool Enabled(ParseResult result) => result.GetValue(_distributed);

    /// <summary>
    /// Checks the launch before anything is read or written; throws <see cref="ArgumentException"/> for a process an
    /// MPI launcher started without --distributed, or --distributed without a launcher.
    /// </summary>
    public void CheckLaunch(ParseResult result, Func<string, string?>? environment = null)
    {
        string? launcher = MpiLaunch.Evidence(environment);
        bool distributed = Enabled(result);
        if (launcher is not null && !distributed)
        {
            int size = MpiLaunch.AnnouncedSize(environment);
            throw new ArgumentException($"started by an MPI launcher ({launcher}{(size > 0 ? $", {size} processes" : "")}) without --distributed: " +
                                        "each process would train the whole corpus and write the same files. Add --distributed, or run fastsgns without mpirun.");
        }

        if (distributed && launcher is null)
        {
            throw new ArgumentException("--distributed needs an MPI launcher: start the ranks with mpirun -np N fastsgns train … --distributed.");
        }

        // The sync options are checked even when nothing uses them, as every train option is, before any input is read.
        Checked(result);
    }

    /// <summary>
    /// The sync settings, checked, with the train options distributed runs do not support yet refused; the emulated
    /// link comes from the environment (see DISTRIBUTED.md).
    /// </summary>
    public SyncSettings Settings(ParseResult result, long maxVocabMemory, string? readVocab, string? checkpoint, CheckpointPlan? checkpoints, string? modelFileOption = null)
    {
        string? unsupported = maxVocabMemory > 0 ? "--max-vocab-memory"
            : readVocab is not null ? "--read-vocab"
            : modelFileOption;
        if (unsupported is not null)
        {
            throw new ArgumentException($"{unsupported} is not supported with --distributed yet.");
        }

        return Checked(result) with { EmulatedLink = SyncSettings.LinkFromEnvironment(), Combine = SyncSettings.CombineFromEnvironment() };
    }

    private SyncSettings Checked(ParseResult result)
    {
        double interval = result.GetValue(_syncInterval);
        if (!(interval > 0 && interval <= 3600))
        {
            throw new ArgumentException($"--sync-interval must be between 0 and 3600 seconds, got {interval.ToString(CultureInfo.InvariantCulture)}.");
        }

        int hot = result.GetValue(_syncHotRows);
        if (hot < 1)
        {
            throw new ArgumentException($"--sync-hot-rows must be at least 1, got {hot}.");
        }

        return new SyncSettings { Interval = TimeSpan.FromSeconds(interval), HotRows = hot };
    }
}

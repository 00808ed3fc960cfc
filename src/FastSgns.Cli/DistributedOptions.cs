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

    private readonly Option<long> _syncWords = new("--sync-words")
    {
        Description = "With --distributed: words each rank trains between model syncs (the hot rows every time, the rarer rows in turn, see --sync-wide-every). " +
                      "Fewer words: a fresher model on every rank, more bytes sent.",
        DefaultValueFactory = _ => SyncSettings.DefaultWords,
    };

    private readonly Option<int> _syncHotRows = new("--sync-hot-rows")
    {
        Description = "With --distributed: rows of the most frequent words exchanged at every sync.",
        DefaultValueFactory = _ => SyncSettings.DefaultHotRows,
    };

    private readonly Option<int> _syncWideEvery = new("--sync-wide-every")
    {
        Description = "With --distributed: how much rarer the rows past the hot ones travel: the next H rows by frequency every Kth sync, the 2H after them every 2Kth, " +
                      "… up to all rows (2: pWord2Vec-MPI's doubling), each level spread over the syncs of its period.",
        DefaultValueFactory = _ => SyncSettings.DefaultWideEvery,
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
        command.Options.Add(_syncWords);
        command.Options.Add(_syncHotRows);
        command.Options.Add(_syncWideEvery);
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

        return Checked(result) with
        {
            EmulatedLink = SyncSettings.LinkFromEnvironment(), Combine = SyncSettings.CombineFromEnvironment(),
            GrowWithDecay = SyncSettings.GrowWithDecayFromEnvironment(), Bf16Changes = SyncSettings.Bf16ChangesFromEnvironment(),
            Spread = SyncSettings.SpreadFromEnvironment(),
        };
    }

    private SyncSettings Checked(ParseResult result)
    {
        long words = result.GetValue(_syncWords);
        if (words is < 1 or > SyncSettings.MaxWords)
        {
            throw new ArgumentException($"--sync-words must be between 1 and {SyncSettings.MaxWords.ToString(CultureInfo.InvariantCulture)}, got {words.ToString(CultureInfo.InvariantCulture)}.");
        }

        int hot = result.GetValue(_syncHotRows);
        if (hot < 1)
        {
            throw new ArgumentException($"--sync-hot-rows must be at least 1, got {hot}.");
        }

        int wide = result.GetValue(_syncWideEvery);
        if (wide < 1)
        {
            throw new ArgumentException($"--sync-wide-every must be at least 1, got {wide}.");
        }

        return new SyncSettings { Words = words, HotRows = hot, WideEvery = wide };
    }
}

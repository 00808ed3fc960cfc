using FastSgns.Checkpoints;
using FastSgns.Distributed;
using FastSgns.Pipeline;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// One rank's run of <c>train --distributed</c>: MPI started, the ranks' command lines compared, and the rules for
/// failures. A failure every rank agreed on (<see cref="Setup{T}"/>, the pipeline's setup steps) ends each rank with
/// the same line and the usual exit code; any other failure on one rank — during training the others are waiting
/// for it in a collective — prints its line and aborts the whole job (MPI_Abort), as a rank that dies does.
/// </summary>
internal sealed class DistributedSession : IDisposable
{
    private readonly MpiCommunicator _world;
    private readonly CancellationTokenSource _cancellation;

    public DistributedTraining Training { get; }

    public int Rank => _world.Rank;

    public int Size => _world.Size;

    /// <summary>Rank 0 writes the outputs and prints the log; the other ranks only train.</summary>
    public bool IsWriter => _world.Rank == 0;

    public CancellationToken Cancellation => _cancellation.Token;

    private DistributedSession(MpiCommunicator world, SyncSettings settings, CancellationToken cancellation)
    {
        _world = world;
        _world.EmulatedLink = settings.EmulatedLink;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Training = new DistributedTraining(world, settings, _cancellation);
    }

    /// <summary>Starts MPI and checks that every rank runs the same command line.</summary>
    public static DistributedSession Start(SyncSettings settings, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        MpiCommunicator world = MpiCommunicator.Start();
        var session = new DistributedSession(world, settings, cancellation);
        try
        {
            OptionsAgreement.Check(world, arguments);
        }
        catch (RankFailedException)
        {
            // Every rank saw the same lists and throws alike, so MPI ends normally.
            session.Dispose();
            throw;
        }

        return session;
    }

    /// <summary>Rank 0's log (the other ranks log nothing): the job's shape first.</summary>
    public Action<string>? Announce(Action<string>? log)
    {
        Training.Log = IsWriter ? log : null;
        SyncSettings settings = Training.Settings;
        if (IsWriter)
        {
            log?.Invoke($"distributed: {Size} ranks, {_world.LibraryVersion}, sync every {settings.Words:N0} words per rank{(settings.GrowWithDecay ? " (more as the learning rate decays)" : "")}, {settings.HotRows:N0} hot rows, more every {settings.WideEvery:N0}{(settings.Spread ? "" : " in bursts")}" +
                            $", {settings.Combine.ToString().ToLowerInvariant()} combining" + (settings.GathersBf16(Size) ? ", bfloat16 changes, gathered" : ", changes summed") + (settings.EmulatedLink is { } link ? $", emulated link {link.BitsPerSecond / 1e9:G3} Gb/s + {link.Latency * 1e6:G3} µs" : ""));
        }

        return Training.Log;
    }

    /// <summary>Runs a step every rank must pass (checks before training); when it fails on any rank, it fails on all alike.</summary>
    public static T Setup<T>(DistributedSession? session, Func<T> step) => session is null ? step() : session.Training.Agree(step);

    /// <summary>Trains this rank's share through the pipeline; every rank returns the same model.</summary>
    public SgnsModel Train(IReadOnlyList<string> inputs, TrainingOptions options, TrainingRunSettings settings)
    {
        var pipeline = new TrainingPipeline(options)
        {
            // Other ranks keep their id files in their own node's temp directory; rank 0 where a single run would.
            WorkDirectory = IsWriter ? settings.WorkDirectory : null,
            SaveVocabularyPath = IsWriter ? settings.SaveVocabularyPath : null,
            Log = IsWriter ? settings.Log : null,
            Progress = IsWriter && settings.Progress is { } progress ? new JobProgress(progress, Size) : null,
            Distributed = Training,
            // Every rank knows the checkpoint: all save it together (rank 0 writes) and all read it to resume.
            Checkpoints = settings.CheckpointPath is null ? null
                : new CheckpointPlan { Path = Path.GetFullPath(settings.CheckpointPath), EveryFraction = settings.CheckpointEvery, Resume = settings.Resume },
        };
        try
        {
            return SgnsModel.Trained(pipeline, pipeline.TrainFiles(inputs, Cancellation));
        }
        catch (OperationCanceledException e) when (!IsWriter && Training.EndAgreed)
        {
            // Every rank stopped at the same sync; rank 0 says so, once for the job.
            throw new SilentExitException(e is TrainingInterruptedException ? ExitCodes.Interrupted : ExitCodes.Cancelled);
        }
    }

    /// <summary>
    /// Ends the rank after the command returned <paramref name="exitCode"/>: MPI is finalised when the run succeeded
    /// or the ranks agreed to end; after a failure of this rank alone (its line is printed by now) the job is aborted,
    /// since the other ranks are waiting for this one in a collective.
    /// </summary>
    public static int Finish(DistributedSession? session, int exitCode)
    {
        if (session is null)
        {
            return exitCode;
        }

        if (exitCode == ExitCodes.Success || session.Training.EndAgreed)
        {
            if (exitCode != ExitCodes.Success)
            {
                // mpirun ends the job as soon as one rank exits with an error: meet here first, so that every rank's
                // line (rank 0's alone after an interruption) is out before any rank exits.
                session._world.GatherAll([0L]);
            }

            session.Dispose();
            return exitCode;
        }

        Console.Error.WriteLine($"fastsgns: rank {session.Rank} of {session.Size} failed alone while the others wait for it: aborting every rank.");
        Console.Error.Flush();
        try
        {
            session._world.Abort(exitCode);
        }
        catch (InvalidOperationException)
        {
            // The MPI library returned from the abort: end this rank anyway rather than wait in MPI's finalisation.
            Environment.Exit(exitCode);
        }

        return exitCode;
    }

    /// <summary>Progress of the whole job: the trainer counts every rank's words; per thread means per thread of the job.</summary>
    private sealed class JobProgress(IProgress<TrainingProgress> inner, int ranks) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) =>
            inner.Report(value with { WordsPerSecondPerThread = value.WordsPerSecondPerThread / ranks, Threads = value.Threads * ranks });
    }

    public void Dispose()
    {
        Training.Dispose();
        _cancellation.Dispose();
        _world.Dispose();
    }
}

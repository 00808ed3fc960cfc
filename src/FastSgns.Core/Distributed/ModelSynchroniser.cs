using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Training;

namespace FastSgns.Distributed;

/// <summary>
/// The trainer's link to the other ranks. On the training thread, each time this rank's workers have trained
/// <see cref="SyncSettings.Words"/> more words (they train on meanwhile), a sync adds up the changes to the rows of
/// the matrices (input, output, and the tree's with hierarchical softmax) that <see cref="SyncSettings.RangesAt"/>
/// names (<see cref="RowAverager"/>) and, in the same collective (<see cref="SyncStates"/>), gathers every rank's
/// word count and state, so the learning rate and the progress follow the whole job's words and all ranks agree on
/// when training is over or cancelled. Once every rank's workers are done, one last sync takes every row, so all
/// ranks end with the same model.
/// </summary>
internal sealed partial class ModelSynchroniser(MpiCommunicator world, SyncSettings settings, Func<long> corpusWords, int threads,
    CancellationTokenSource cancellation, Action<string>? log) : IModelSynchroniser, IDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private RowAverager[] _matrices = [];
    private RowExchange? _exchange;
    private SyncStates? _states;
    private readonly List<(int From, int Count)> _ranges = [];
    private SharedState? _shared;
    private int _vocabulary;
    private long _othersWords;
    private long _syncs;
    private long _rowsExchanged;
    private long _mineAtSync;
    private bool _stopped;
    private TimeSpan _lastSaved;
    private TimeSpan _lastLog;
    private long[] _wordsAtLog = [];
    private long _bytesAtStart;
    private long _collectivesAtStart;
    private long _startWords;
    private CheckpointHost? _checkpoints;
    private long _checkpointStep;
    private long _nextCheckpoint = long.MaxValue;
    private System.Diagnostics.Stopwatch? _endClock;
    private long[] _lastStates = [];
    private long _threadCpuAtBegin;
    private TimeSpan _processCpuAtBegin;

    public long CorpusWords => corpusWords();

    /// <summary>Called when the ranks agree to stop (some rank was cancelled).</summary>
    public Action? OnAgreedStop { get; init; }

    public int SeedOffset => world.Rank * threads;

    /// <summary>Syncs done so far (the final one included).</summary>
    public long Syncs => _syncs;

    /// <summary>Bytes this rank handed to collectives during training.</summary>
    public long BytesSent => world.BytesSent - _bytesAtStart;

    public void Begin(EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree, SharedState shared)
    {
        _shared = shared;
        // A resumed run starts from the job's count; this rank's own words are those it adds from here on.
        _startWords = shared.StartWords;
        _othersWords = shared.StartWords;
        if (_checkpoints is { Plan.EveryFraction: > 0 } host)
        {
            _checkpointStep = Math.Max(1, (long)(host.Plan.EveryFraction * host.TotalWords));
            _nextCheckpoint = (_startWords / _checkpointStep + 1) * _checkpointStep;
        }

        _vocabulary = input.Rows;
        // A job of one rank has nothing to exchange: it keeps only the word counts and the end in step (with itself).
        if (world.Size > 1)
        {
            _matrices = tree is null
                ? [new RowAverager(input, settings.Combine), new RowAverager(output, settings.Combine)]
                // The tree's inner nodes are numbered by rising weight, so its hot rows (near the root) are its last ones.
                : [new RowAverager(input, settings.Combine), new RowAverager(output, settings.Combine), new RowAverager(tree, settings.Combine, hotAtEnd: true)];
            _states = new SyncStates(world.Rank, world.Size, StateFields);
            _exchange = new RowExchange(world, _matrices, _states);
        }

        _wordsAtLog = new long[world.Size];
        _threadCpuAtBegin = Interop.MpiThreadClock.Nanoseconds();
        _processCpuAtBegin = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        _bytesAtStart = world.BytesSent;
        _collectivesAtStart = world.Collectives;
    }

    /// <summary>
    /// How long the trainer sleeps before the next <see cref="Tick"/>: half the time left until the next sync falls due
    /// at the rate of the last interval, between <see cref="SyncSettings.PollInterval"/> and 20 ms. Each wake-up takes a
    /// core from a worker for a moment: polling every 2 ms throughout woke the sync thread about 12 times per interval
    /// of 32,768 words (the default then), this about 6 times, with the same 2 ms granularity near the due point.
    /// </summary>
    public TimeSpan PollInterval { get; private set; } = SyncSettings.PollInterval;

    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(20);
    private TimeSpan _syncedAt;
    private double _secondsPerWord;

    /// <summary>
    /// Syncs once this rank trained <see cref="SyncSettings.Words"/> words since its last sync, and at once when it is
    /// stopping (cancelled, or its workers parked by the stop-after hook: its count no longer grows, and the other ranks
    /// learn of the stop at the sync they pair with this one).
    /// </summary>
    public void Tick(TimeSpan elapsed)
    {
        if (_stopped)
        {
            return;
        }

        SharedState shared = _shared!;
        long mine = Interlocked.Read(ref shared.WordsProcessed) - _othersWords;
        long due = settings.WordsAt(Interlocked.Read(ref shared.WordsProcessed), shared.TotalWords);
        if (mine - _mineAtSync >= due || cancellation.IsCancellationRequested || shared.StopRequested)
        {
            long before = _mineAtSync;
            Sync(elapsed, finished: false, allRows: false);
            // The rate of the interval that just ended (the workers publish their counts in steps, so not the current one).
            _secondsPerWord = _mineAtSync > before ? (elapsed - _syncedAt).TotalSeconds / (_mineAtSync - before) : 0;
            _syncedAt = elapsed;
        }

        double left = (due * _secondsPerWord - (elapsed - _syncedAt).TotalSeconds) / 2;
        PollInterval = TimeSpan.FromSeconds(Math.Clamp(left, SyncSettings.PollInterval.TotalSeconds, MaxPoll.TotalSeconds));
    }

    public void End(TimeSpan elapsed)
    {
        if (_stopped)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        StartResumedHandovers();
        // Idle: this rank's workers are done and no ids handed over by another rank are being trained here.
        var idle = System.Diagnostics.Stopwatch.StartNew();
        _endClock = idle;
        while (true)
        {
            if (ReceivedBusy)
            {
                // Training received ids: sync on the word count as while training its own.
                idle.Stop();
                cancellation.Token.WaitHandle.WaitOne(PollInterval);
                Tick(elapsed + clock.Elapsed);
                if (_stopped)
                {
                    return;
                }

                continue;
            }

            idle.Start();
            (bool allFinished, bool cancelled) = Sync(elapsed + clock.Elapsed, finished: true, allRows: false);
            if (cancelled)
            {
                return;
            }

            if (allFinished)
            {
                Sync(elapsed + clock.Elapsed, finished: true, allRows: true);
                ReportEnd(elapsed + clock.Elapsed);
                return;
            }

            // The next sync pairs with the others' next word-counted one; its collective waits for them without spinning.
        }
    }

    /// <summary>One sync; every rank makes the same calls in the same order, whatever its own state.</summary>
    private (bool AllFinished, bool Cancelled) Sync(TimeSpan elapsed, bool finished, bool allRows)
    {
        SharedState shared = _shared!;
        _syncs++;
        long mine = Interlocked.Read(ref shared.WordsProcessed) - _othersWords;
        _mineAtSync = mine;
        bool stopping = cancellation.IsCancellationRequested || shared.StopRequested;
        // Each rank's clock differs: rank 0's decides whether the minimum time between periodic checkpoints has passed.
        bool clockAllows = _checkpoints is not null && elapsed - _lastSaved >= _checkpoints.Plan.MinInterval;
        long idle = finished && _endClock is { } end ? (long)end.Elapsed.TotalMilliseconds : 0;
        long[] mineState = [mine, finished ? 1 : 0, stopping ? 1 : 0, clockAllows ? 1 : 0, idle, finished ? 0 : RemainingIds()];
        // The states travel with the rows (one collective a sync); a rank of a job of one has no exchange.
        long[] states = mineState;
        if (_states is not null)
        {
            mineState.CopyTo(_states.Mine, 0);
            if (allRows)
            {
                ExchangeRows(_vocabulary, withStates: true);
            }
            else
            {
                settings.RangesAt(_syncs, _vocabulary, _ranges);
                ExchangeRows(_ranges, settings.GathersBf16(world.Size), withStates: true);
            }

            states = _states.All;
        }

        _lastStates = states;
        long total = 0;
        int done = 0;
        bool cancelled = false;
        for (int r = 0; r < world.Size; r++)
        {
            total += states[r * StateFields];
            done += (int)states[r * StateFields + 1];
            cancelled |= states[r * StateFields + 2] != 0;
        }

        AddOthers(mine, total);
        // A checkpoint records the cuts and the moved ids still to train, so it resumes exactly after a handover too.
        if (_checkpoints is not null && !allRows && done < world.Size
            && CheckpointDue(cancelled, _startWords + total, _nextCheckpoint, rankZeroClockAllows: states[3] != 0))
        {
            Checkpoint(stop: cancelled);
            _lastSaved = elapsed;
        }

        if (cancelled)
        {
            // Every rank learnt it at this sync: none makes another collective call, so none waits for one.
            _stopped = true;
            OnAgreedStop?.Invoke();
            cancellation.Cancel();
            return (false, true);
        }

        TrackRates(states, elapsed);
        if (!allRows && done < world.Size)
        {
            Rebalance(states);
        }

        if (elapsed - _lastLog >= LogInterval)
        {
            Report(elapsed, states);
        }

        return (done == world.Size, false);
    }

    /// <summary>The <paramref name="rows"/> hottest rows of every matrix (the tree has one row fewer), in one exchange.</summary>
    private void ExchangeRows(int rows, bool withStates = false)
    {
        _ranges.Clear();
        _ranges.Add((0, rows));
        ExchangeRows(_ranges, bf16: false, withStates);
    }

    /// <summary>The rows of the hotness <paramref name="ranges"/> of every matrix, in one exchange.</summary>
    private void ExchangeRows(List<(int From, int Count)> ranges, bool bf16, bool withStates = false)
    {
        if (_exchange is not null)
        {
            _rowsExchanged += _exchange.Exchange(ranges, bf16, withStates);
        }
    }

    /// <summary>
    /// Fields of a rank's state at a sync: its words, finished, stopping, its clock allows a periodic checkpoint, and
    /// how long (ms) its workers have been done while it waits for the others' (the imbalance at the end, reported),
    /// and the ids it has left to read in its own shard (<see cref="Rebalance"/>).
    /// </summary>
    private const int StateFields = 6;

    private const int RemainingField = 5;

    /// <summary>The other ranks' words join this rank's count, which drives the learning rate and the progress.</summary>
    private void AddOthers(long mine, long total)
    {
        long others = _startWords + total - mine;
        Interlocked.Add(ref _shared!.WordsProcessed, others - _othersWords);
        _othersWords = others;
    }

    public void Dispose()
    {
        foreach (RowAverager matrix in _matrices)
        {
            matrix.Dispose();
        }
    }
}

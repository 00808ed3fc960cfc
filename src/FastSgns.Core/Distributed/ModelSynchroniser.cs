using System.Globalization;
using System.Text;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Training;

namespace FastSgns.Distributed;

/// <summary>
/// The trainer's link to the other ranks. On the training thread, each time this rank's workers have trained
/// <see cref="SyncSettings.Words"/> more words (they train on meanwhile), a sync (1) gathers every rank's word count
/// and state, so the learning rate and the progress follow the whole job's words and all ranks agree on when training
/// is over or cancelled, and (2) adds up the changes to the rows of the matrices (input, output, and the tree's with
/// hierarchical softmax) that <see cref="SyncSettings.RowsAt"/> names (<see cref="RowAverager"/>). Once every rank's
/// workers are done, one last sync takes every row, so all ranks end with the same model.
/// </summary>
internal sealed partial class ModelSynchroniser(MpiCommunicator world, SyncSettings settings, Func<long> corpusWords, int threads,
    CancellationTokenSource cancellation, Action<string>? log) : IModelSynchroniser, IDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private RowAverager? _input;
    private RowAverager? _output;
    private RowAverager? _tree;
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
        _input = world.Size > 1 ? new RowAverager(world, input, settings.Combine) : null;
        _output = world.Size > 1 ? new RowAverager(world, output, settings.Combine) : null;
        // The tree's inner nodes are numbered by rising weight, so its hot rows (near the root) are its last ones.
        _tree = world.Size > 1 && tree is not null ? new RowAverager(world, tree, settings.Combine, hotAtEnd: true) : null;
        _wordsAtLog = new long[world.Size];
        _bytesAtStart = world.BytesSent;
        _collectivesAtStart = world.Collectives;
    }

    public TimeSpan PollInterval => SyncSettings.PollInterval;

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
            Sync(elapsed, finished: false, allRows: false);
        }
    }

    public void End(TimeSpan elapsed)
    {
        if (_stopped)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
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
        long[] states = world.GatherAll([mine, finished ? 1 : 0, stopping ? 1 : 0, clockAllows ? 1 : 0]);
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

        int rows = allRows ? _vocabulary : settings.RowsAt(_syncs, _vocabulary);
        _rowsExchanged += (_input?.Exchange(rows) ?? 0) + (_output?.Exchange(rows) ?? 0) + (_tree?.Exchange(Math.Min(rows, _vocabulary - 1)) ?? 0);
        if (elapsed - _lastLog >= LogInterval)
        {
            Report(elapsed, states);
        }

        return (done == world.Size, false);
    }

    /// <summary>Fields of a rank's state at a sync: its words, finished, stopping, its clock allows a periodic checkpoint.</summary>
    private const int StateFields = 4;

    /// <summary>The other ranks' words join this rank's count, which drives the learning rate and the progress.</summary>
    private void AddOthers(long mine, long total)
    {
        long others = _startWords + total - mine;
        Interlocked.Add(ref _shared!.WordsProcessed, others - _othersWords);
        _othersWords = others;
    }

    private void Report(TimeSpan elapsed, long[] states)
    {
        double seconds = Math.Max(1e-9, (elapsed - _lastLog).TotalSeconds);
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"sync: {world.Size} ranks; words/s per rank");
        double all = 0;
        for (int r = 0; r < world.Size; r++)
        {
            double rate = (states[r * StateFields] - _wordsAtLog[r]) / seconds;
            all += rate;
            line.Append(CultureInfo.InvariantCulture, $" {rate / 1000:F0}k");
            _wordsAtLog[r] = states[r * StateFields];
        }

        line.Append(CultureInfo.InvariantCulture, $", {all / 1000:F0}k in all; {_syncs:N0} syncs, {BytesSent / 1e6:F1} MB sent by this rank, {world.CommunicationTime.TotalSeconds:F1} s in collectives");
        _lastLog = elapsed;
        log?.Invoke(line.ToString());
    }

    private void ReportEnd(TimeSpan elapsed)
    {
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"sync: {_syncs:N0} syncs in {elapsed.TotalSeconds:F1} s (every {settings.Words:N0} words per rank, {settings.HotRows:N0} hot rows, more every {settings.WideEvery:N0}, all rows every {HotCycle():N0}), " +
            $"{_rowsExchanged:N0} rows exchanged, {BytesSent / 1e6:F1} MB sent by this rank ({BytesSent / Math.Max(1, _syncs) / 1e3:F1} kB per sync) " +
            $"in {world.Collectives - _collectivesAtStart:N0} collectives, " +
            $"{world.CommunicationTime.TotalSeconds:F1} s in collectives"));
    }

    /// <summary>How many syncs apart the whole vocabulary is exchanged.</summary>
    private long HotCycle()
    {
        long factor = 1;
        while ((long)settings.HotRows * factor < _vocabulary)
        {
            factor *= 2;
        }

        // The k-th wide sync takes hot rows × 2^(1 + trailing zeros of k).
        return factor == 1 ? 1 : factor / 2 * settings.WideEvery;
    }

    public void Dispose()
    {
        _input?.Dispose();
        _output?.Dispose();
        _tree?.Dispose();
    }
}

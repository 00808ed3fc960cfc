using System.Globalization;
using System.Text;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Training;

namespace FastSgns.Distributed;

/// <summary>
/// The trainer's link to the other ranks. On the training thread, every <see cref="SyncSettings.Interval"/> (the
/// workers train on meanwhile), a sync (1) gathers every rank's word count and state, so the learning rate and the
/// progress follow the whole job's words and all ranks agree on when training is over or cancelled, and (2) averages
/// (or adds up the changes to) the rows of the matrices (input, output, and the tree's with hierarchical softmax) that <see cref="SyncSettings.RowsAt"/> names (<see cref="RowAverager"/>). Once every
/// rank's workers are done, one last sync takes every row, so all ranks end with the same model.
/// </summary>
internal sealed class ModelSynchroniser(MpiCommunicator world, SyncSettings settings, Func<long> corpusWords, int threads,
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
    private TimeSpan _lastSync;
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

    public CheckpointScope Scope(long corpusLength, long corpusWords, long[] sliceBounds)
    {
        long[] shards = world.GatherAll([corpusLength, corpusWords]);
        long[] bounds = world.GatherAll(sliceBounds);
        int slices = sliceBounds.Length - 1;
        var all = new long[world.Size * slices + 1];
        long offset = 0, mine = 0, words = 0;
        for (int r = 0; r < world.Size; r++)
        {
            mine = r == world.Rank ? offset : mine;
            for (int t = 0; t < slices; t++)
            {
                all[r * slices + t] = offset + bounds[r * (slices + 1) + t];
            }

            offset += shards[r * 2];
            words += shards[r * 2 + 1];
        }

        all[^1] = offset;
        return new CheckpointScope(all, world.Rank * slices, mine, offset, words, world.Size);
    }

    public void EnableCheckpoints(CheckpointHost host) => _checkpoints = host;

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

    public void Tick(TimeSpan elapsed)
    {
        if (elapsed - _lastSync >= settings.Interval)
        {
            Sync(elapsed, finished: false, allRows: false);
        }
    }

    public void End(TimeSpan elapsed)
    {
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

            Thread.Sleep(settings.Interval);
        }
    }

    /// <summary>One sync; every rank makes the same calls in the same order, whatever its own state.</summary>
    private (bool AllFinished, bool Cancelled) Sync(TimeSpan elapsed, bool finished, bool allRows)
    {
        SharedState shared = _shared!;
        _syncs++;
        _lastSync = elapsed;
        long mine = Interlocked.Read(ref shared.WordsProcessed) - _othersWords;
        bool stopping = cancellation.IsCancellationRequested || shared.StopRequested;
        long[] states = world.GatherAll([mine, finished ? 1 : 0, stopping ? 1 : 0]);
        long total = 0;
        int done = 0;
        bool cancelled = false;
        for (int r = 0; r < world.Size; r++)
        {
            total += states[r * 3];
            done += (int)states[r * 3 + 1];
            cancelled |= states[r * 3 + 2] != 0;
        }

        AddOthers(mine, total);
        if (_checkpoints is not null && !allRows && done < world.Size && (cancelled || _startWords + total >= _nextCheckpoint))
        {
            Checkpoint(stop: cancelled);
        }

        if (cancelled)
        {
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

    /// <summary>The other ranks' words join this rank's count, which drives the learning rate and the progress.</summary>
    private void AddOthers(long mine, long total)
    {
        long others = _startWords + total - mine;
        Interlocked.Add(ref _shared!.WordsProcessed, others - _othersWords);
        _othersWords = others;
    }

    /// <summary>
    /// Every rank parks its workers, the ranks exchange every row (the model is then the same everywhere) and gather
    /// their workers' states, rank 0 writes the one checkpoint and all agree it was written; then training goes on
    /// or, after an agreed stop, ends on every rank with <see cref="TrainingInterruptedException"/>.
    /// </summary>
    private void Checkpoint(bool stop)
    {
        CheckpointHost host = _checkpoints!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        host.Park();
        long mine = Interlocked.Read(ref _shared!.WordsProcessed) - _othersWords;
        long total = world.GatherAll([mine]).Sum();
        AddOthers(mine, total);
        long words = _startWords + total;
        _rowsExchanged += (_input?.Exchange(_vocabulary) ?? 0) + (_output?.Exchange(_vocabulary) ?? 0) + (_tree?.Exchange(_vocabulary - 1) ?? 0);
        WorkerState[] states = GatherStates(host.States(), host.Scope.Offset);
        try
        {
            CollectiveCheck.Agree(world, () =>
            {
                if (world.Rank == 0)
                {
                    host.Save(words, states);
                }

                return true;
            });
        }
        catch
        {
            OnAgreedStop?.Invoke();
            host.Release(true);
            throw;
        }

        double fraction = host.TotalWords == 0 ? 1 : (double)words / host.TotalWords;
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"checkpoint: {fraction:P1} of the job on {world.Size} ranks saved to {host.Plan.Path} in {clock.Elapsed.TotalSeconds:F2} s"));
        _nextCheckpoint = _checkpointStep > 0 ? (words / _checkpointStep + 1) * _checkpointStep : long.MaxValue;
        if (stop)
        {
            OnAgreedStop?.Invoke();
            host.Release(true);
            throw new TrainingInterruptedException(host.Plan.Path, fraction);
        }

        host.Release(false);
    }

    /// <summary>Every rank's worker states in rank order, positions moved into the job's (<see cref="CheckpointScope"/>).</summary>
    private WorkerState[] GatherStates(WorkerState[] mine, long offset)
    {
        const int Fields = 6;
        var flat = new long[mine.Length * Fields];
        for (int t = 0; t < mine.Length; t++)
        {
            WorkerState w = mine[t];
            long[] fields = [w.Epoch, w.Position + offset, w.Words, (long)w.Random, BitConverter.DoubleToInt64Bits(w.Loss), w.Pairs];
            fields.CopyTo(flat, t * Fields);
        }

        long[] all = world.GatherAll(flat);
        var states = new WorkerState[all.Length / Fields];
        for (int i = 0; i < states.Length; i++)
        {
            ReadOnlySpan<long> f = all.AsSpan(i * Fields, Fields);
            states[i] = new WorkerState((int)f[0], f[1], f[2], (ulong)f[3], BitConverter.Int64BitsToDouble(f[4]), f[5]);
        }

        return states;
    }

    private void Report(TimeSpan elapsed, long[] states)
    {
        double seconds = Math.Max(1e-9, (elapsed - _lastLog).TotalSeconds);
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"sync: {world.Size} ranks; words/s per rank");
        double all = 0;
        for (int r = 0; r < world.Size; r++)
        {
            double rate = (states[r * 3] - _wordsAtLog[r]) / seconds;
            all += rate;
            line.Append(CultureInfo.InvariantCulture, $" {rate / 1000:F0}k");
            _wordsAtLog[r] = states[r * 3];
        }

        line.Append(CultureInfo.InvariantCulture, $", {all / 1000:F0}k in all; {_syncs:N0} syncs, {BytesSent / 1e6:F1} MB sent by this rank, {world.CommunicationTime.TotalSeconds:F1} s in collectives");
        _lastLog = elapsed;
        log?.Invoke(line.ToString());
    }

    private void ReportEnd(TimeSpan elapsed)
    {
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"sync: {_syncs:N0} syncs in {elapsed.TotalSeconds:F1} s (every {settings.Interval.TotalSeconds:G3} s, {settings.HotRows:N0} hot rows, all rows every {HotCycle():N0}), " +
            $"{_rowsExchanged:N0} rows exchanged, {BytesSent / 1e6:F1} MB sent by this rank ({BytesSent / Math.Max(1, _syncs) / 1e3:F1} kB per sync) " +
            $"in {world.Collectives - _collectivesAtStart:N0} collectives, " +
            $"{world.CommunicationTime.TotalSeconds:F1} s in collectives"));
    }

    /// <summary>How many syncs apart the whole vocabulary is exchanged.</summary>
    private long HotCycle()
    {
        long every = 1;
        while ((long)settings.HotRows * every < _vocabulary)
        {
            every *= 2;
        }

        return every;
    }

    public void Dispose()
    {
        _input?.Dispose();
        _output?.Dispose();
        _tree?.Dispose();
    }
}

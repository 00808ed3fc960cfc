using System.Globalization;
using FastSgns.Checkpoints;
using FastSgns.Ids;
using FastSgns.Training;

namespace FastSgns.Distributed;

/// <summary>
/// Checkpoints of a distributed run: decided at a sync by every rank alike, written once by rank 0; and the layout of
/// shards and slices they record, which a job resumed on fewer ranks takes back.
/// </summary>
internal sealed partial class ModelSynchroniser
{
    /// <summary>Ids of each shard this rank holds (<see cref="DistributedTraining.HeldShards"/>), known once encoding is done.</summary>
    public Func<IReadOnlyList<long>>? HeldShards { get; init; }

    /// <summary>Shards this rank holds (<see cref="DistributedTraining.ShardsPerRank"/>): 1 but in a job resumed on fewer ranks.</summary>
    public int ShardsHeld { get; init; } = 1;

    public int ThreadsPerShard => threads / ShardsHeld;

    public long[] SliceBounds(EncodedCorpus corpus, int workers)
    {
        IReadOnlyList<long> shards = HeldShards?.Invoke() ?? [];
        if (ShardsHeld == 1)
        {
            return SgnsTrainer.SliceBounds(corpus, workers);
        }

        // Each shard sliced as the rank that held it sliced its whole corpus: every worker of the checkpoint gets its slice back.
        if (shards.Count != ShardsHeld || workers % ShardsHeld != 0)
        {
            throw new InvalidOperationException($"{workers} workers cannot take the slices of {shards.Count} shards, expected {ShardsHeld}.");
        }

        int each = workers / shards.Count;
        var bounds = new long[workers + 1];
        long start = 0;
        for (int s = 0; s < shards.Count; s++)
        {
            SgnsTrainer.SliceBounds(corpus, each, start, start + shards[s]).AsSpan(0, each).CopyTo(bounds.AsSpan(s * each));
            start += shards[s];
        }

        bounds[workers] = corpus.Length;
        return bounds;
    }

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
        // The layout is the shards', which a job resumed on fewer ranks holds several to a rank.
        return new CheckpointScope(all, world.Rank * slices, mine, offset, words, world.Size * ShardsHeld);
    }

    public void EnableCheckpoints(CheckpointHost host) => _checkpoints = host;

    /// <summary>
    /// Whether the sync saves a checkpoint: always on an agreed stop; periodically once the job's words pass the next
    /// mark and rank 0's clock says the plan's minimum time since the last save (or the start) has passed, so every
    /// rank decides alike from the gathered states.
    /// </summary>
    internal static bool CheckpointDue(bool stopping, long jobWords, long nextMark, bool rankZeroClockAllows) =>
        stopping || (jobWords >= nextMark && rankZeroClockAllows);

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
        ExchangeRows(_vocabulary);
        (WorkerState[] states, long[] ends) = GatherStates(host.States(), host.Ends(), host.Scope.Offset);
        MovedWork[] moved = GatherMoved(host.Received());
        try
        {
            CollectiveCheck.Agree(world, () =>
            {
                if (world.Rank == 0)
                {
                    host.Save(words, states, ends, moved);
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

    /// <summary>Every rank's worker states and their last epochs' ends in rank order, positions moved into the job's (<see cref="CheckpointScope"/>).</summary>
    private (WorkerState[] States, long[] Ends) GatherStates(WorkerState[] mine, long[] mineEnds, long offset)
    {
        const int Fields = 7;
        var flat = new long[mine.Length * Fields];
        for (int t = 0; t < mine.Length; t++)
        {
            WorkerState w = mine[t];
            long[] fields = [w.Epoch, w.Position + offset, w.Words, (long)w.Random, BitConverter.DoubleToInt64Bits(w.Loss), w.Pairs, mineEnds[t] + offset];
            fields.CopyTo(flat, t * Fields);
        }

        long[] all = world.GatherAll(flat);
        var states = new WorkerState[all.Length / Fields];
        var ends = new long[states.Length];
        for (int i = 0; i < states.Length; i++)
        {
            ReadOnlySpan<long> f = all.AsSpan(i * Fields, Fields);
            states[i] = new WorkerState((int)f[0], f[1], f[2], (ulong)f[3], BitConverter.Int64BitsToDouble(f[4]), f[5]);
            ends[i] = f[6];
        }

        return (states, ends);
    }
}

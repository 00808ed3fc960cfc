namespace FastSgns.Checkpoints;

/// <summary>
/// Ids of a distributed run's last epoch that one process cut off its workers' slices and handed to another (the
/// taker), as a checkpoint records them: the ranges of the job's corpus (the shards laid end to end) one worker of the
/// taker has still to train, in the order it trains them, and that worker's generator and counts. The taker is named
/// by its first shard, so a job resumed on fewer processes finds the process that holds it.
/// </summary>
internal sealed record MovedWork(int Taker, (long From, long To)[] Left, WorkerState State)
{
    /// <summary>Ids still to train.</summary>
    public long Ids => Left.Sum(r => r.To - r.From);
}

using FastSgns.Checkpoints;

namespace FastSgns.Training;

/// <summary>
/// What a synchroniser needs from the trainer to write checkpoints at syncs, where every process decides alike
/// (distributed training): park and release this process's workers, their states, and the save itself.
/// </summary>
internal sealed class CheckpointHost
{
    public required CheckpointPlan Plan { get; init; }

    /// <summary>The whole job's words over all epochs (the fraction a checkpoint is taken at).</summary>
    public required long TotalWords { get; init; }

    public required CheckpointScope Scope { get; init; }

    /// <summary>Parks every worker, received ones too, at a sentence boundary (finished ones stay finished).</summary>
    public required Action Park { get; init; }

    /// <summary>The parked workers' states, positions in this process's shard.</summary>
    public required Func<WorkerState[]> States { get; init; }

    /// <summary>Where each parked worker's last epoch ends (<see cref="WorkerTail.LastEnd"/>), positions in this process's shard.</summary>
    public required Func<long[]> Ends { get; init; }

    /// <summary>What the parked workers training ids handed over by another process have still to train (taker not filled in).</summary>
    public required Func<List<MovedWork>> Received { get; init; }

    /// <summary>
    /// Writes the checkpoint: the job's word count, every process's worker states and their last epochs' ends (positions
    /// in <see cref="CheckpointScope"/> terms), every process's moved ids still to train, this process's matrices.
    /// </summary>
    public required Action<long, WorkerState[], long[], MovedWork[]> Save { get; init; }

    /// <summary>Lets the workers continue or (true) stop.</summary>
    public required Action<bool> Release { get; init; }
}

using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Ids;

namespace FastSgns.Training;

/// <summary>
/// Keeps this process's model in step with other processes training the same model on other shards of the corpus
/// (distributed training). The trainer calls it on its own thread — never from a worker — so an implementation may
/// use a library that wants one calling thread. Null on the trainer: a single process, nothing to synchronise.
/// </summary>
internal interface IModelSynchroniser
{
    /// <summary>Words in one epoch of the whole corpus (every shard): the learning rate and subsampling use it.</summary>
    long CorpusWords { get; }

    /// <summary>Added to each worker's id for its generator's seed, so that processes draw different samples.</summary>
    int SeedOffset { get; }

    /// <summary>
    /// Workers per shard of the job's layout, which the checkpoint's identity records as the threads: this process's
    /// threads, or a share of them when it holds several shards (a job resumed on fewer processes than wrote it).
    /// </summary>
    int ThreadsPerShard { get; }

    /// <summary>
    /// This process's workers' slices of its encoded corpus (worker t trains [bounds[t], bounds[t+1])): the trainer's
    /// slicing of the whole corpus, or of each shard it holds in turn, so that every worker takes its slice back.
    /// </summary>
    long[] SliceBounds(EncodedCorpus corpus, int threads);

    /// <summary>
    /// Lets the synchroniser even out the processes' ends: cut the end of this process's workers' last epoch off for a
    /// process that ran out of work, and train ids handed over by others (<see cref="Handover"/>); before <see cref="Begin"/>.
    /// </summary>
    void EnableHandover(Handover handover);

    /// <summary>
    /// Called by every process alike when resuming a checkpoint, after <see cref="EnableHandover"/>: the ids moved between
    /// processes that the checkpoint says are still to train go to their takers again (a collective call).
    /// </summary>
    void ResumeHandovers(IReadOnlyList<MovedWork> moved);

    /// <summary>Called once, with the initialised matrices (the tree's with hierarchical softmax), before the workers start.</summary>
    void Begin(EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree, SharedState shared);

    /// <summary>
    /// Called by every process alike before training when checkpoints are on: gathers every process's shard and
    /// slices into the job's <see cref="CheckpointScope"/> (a collective call).
    /// </summary>
    CheckpointScope Scope(long corpusLength, long corpusWords, long[] sliceBounds);

    /// <summary>Makes syncs write checkpoints (every plan's fraction of the job, and on an agreed stop) through <paramref name="host"/>; before <see cref="Begin"/>.</summary>
    void EnableCheckpoints(CheckpointHost host);

    /// <summary>How often the trainer polls (and calls <see cref="Tick"/>) while the workers train: often enough to see a sync fall due.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>Called between polls while this process's workers train; exchanges rows when a sync is due.</summary>
    void Tick(TimeSpan elapsed);

    /// <summary>Called once this process's workers are done: returns when every process is, the matrices then equal everywhere.</summary>
    void End(TimeSpan elapsed);
}

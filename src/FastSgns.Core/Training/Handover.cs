namespace FastSgns.Training;

/// <summary>
/// What the trainer lends a distributed run's synchroniser to even out the processes' ends: its workers' tails (to
/// cut work off and send it to a process that ran out), a way to train a batch received from another process on this
/// one's threads, and one to resume what a checkpoint says a worker had still to train of one (each returns a check
/// that says when they are done).
/// </summary>
internal sealed record Handover(Ids.EncodedCorpus Corpus, IReadOnlyList<WorkerTail> Tails, Func<HandoverBatch, Func<bool>> TrainReceived,
    Func<HandoverBatch, Checkpoints.WorkerState, Func<bool>> ResumeReceived);

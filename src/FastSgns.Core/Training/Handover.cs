using FastSgns.Ids;

namespace FastSgns.Training;

/// <summary>
/// What the trainer lends a distributed run's synchroniser to even out the processes' ends: its workers' tails (to
/// cut work off and send it to a process that ran out) and a way to train ids received from another process on this
/// one's threads (returns a check that says when they are done).
/// </summary>
internal sealed record Handover(EncodedCorpus Corpus, IReadOnlyList<WorkerTail> Tails, Func<EncodedCorpus, Func<bool>> TrainReceived);

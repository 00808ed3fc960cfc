namespace FastSgns.Training;

/// <summary>
/// Where this process's workers sit in a checkpoint of a job of several processes (distributed training): the shards
/// laid end to end make one corpus of <paramref name="CorpusLength"/> ids, in which process r's positions start at the
/// sum of the shards before it (<paramref name="Offset"/>) and its workers are <paramref name="FirstWorker"/> onwards;
/// <paramref name="Bounds"/> are every worker's slice in those positions. A checkpoint so written is read and checked
/// by <see cref="Checkpoints.TrainingCheckpoint"/> as a single process's with that many workers.
/// </summary>
internal sealed record CheckpointScope(long[] Bounds, int FirstWorker, long Offset, long CorpusLength, long CorpusWords, int Processes)
{
    /// <summary>The encoded corpus as the checkpoint's identity names it.</summary>
    public string Corpus => FormattableString.Invariant($"{CorpusLength} ids, {CorpusWords} words in {Processes} shards");
}

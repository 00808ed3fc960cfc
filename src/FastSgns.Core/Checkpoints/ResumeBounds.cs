namespace FastSgns.Checkpoints;

/// <summary>
/// What a resuming run allows a checkpoint's progress to say: one worker per slice of the encoded corpus
/// (<paramref name="SliceBounds"/>: worker t trains [bounds[t], bounds[t+1])), no epoch past <paramref name="Epochs"/>
/// and no more words than the whole run has (<paramref name="TotalWords"/>); ids moved to another process only to one of
/// the <paramref name="Shards"/> shards of a distributed job.
/// </summary>
internal sealed record ResumeBounds(long[] SliceBounds, int Epochs, long TotalWords, int Shards = 1)
{
    public int Workers => SliceBounds.Length - 1;
}

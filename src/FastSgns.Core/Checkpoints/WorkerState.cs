namespace FastSgns.Checkpoints;

/// <summary>
/// Where one worker stands at a sentence boundary: the epoch, the next id of its slice, the words it processed, its
/// generator and its running loss. Together with the matrices and the shared word count it is all a single-thread
/// run needs to continue exactly as if it had never stopped.
/// </summary>
internal readonly record struct WorkerState(int Epoch, long Position, long Words, ulong Random, double Loss, long Pairs);

namespace FastSgns.Checkpoints;

/// <summary>
/// Where a model's learning-rate schedule stands when it is saved: the epochs done of its planned epochs, the words
/// processed (the position that drives the learning rate), the words one epoch of its input holds, which input that
/// was (names and size, as <see cref="PipelineIdentity"/> fingerprints it) and each worker's generator, so that one
/// thread continuing the schedule on the same input draws exactly what an uninterrupted run would have.
/// </summary>
internal sealed record ModelSchedule(int EpochsDone, long WordsProcessed, long WordsPerEpoch, string Input, ulong[] Generators);

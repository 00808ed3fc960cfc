namespace FastSgns.Sampling;

/// <summary>
/// word2vec.c's MAX_SENTENCE_LENGTH: the trainer cuts longer lines into sentences of this many kept words, and the
/// generators size their buffers for it once, so that generating never allocates.
/// </summary>
internal static class Sentence
{
    public const int MaxLength = 1000;
}

namespace FastSgns.Training;

/// <summary>Which word predicts which (<c>--model</c>).</summary>
public enum TrainingModel
{
    /// <summary>Skip-gram: each context word's vector predicts the center word (word2vec.c <c>-cbow 0</c>).</summary>
    SkipGram,

    /// <summary>
    /// Continuous bag of words: the mean (or sum, <see cref="TrainingOptions.CbowMean"/>) of the context words'
    /// vectors predicts the center word, and the error goes back to every context word (word2vec.c <c>-cbow 1</c>).
    /// </summary>
    Cbow,
}

namespace FastSgns;

/// <summary>How <see cref="PhraseModel"/> scores a bigram (gensim's <c>scoring</c>).</summary>
public enum PhraseScoring
{
    /// <summary>
    /// word2phrase's (word2vec.c) and gensim's <c>"default"</c>: (count(ab) − MinCount) / (count(a)·count(b)) · corpus
    /// words; both words must be seen MinCount times; bigrams are counted across line ends, as word2phrase counts them.
    /// Default threshold 100.
    /// </summary>
    Default,

    /// <summary>
    /// gensim's <c>"npmi"</c>: normalized pointwise mutual information in −1..1; the bigram must be seen MinCount times;
    /// bigrams are counted within lines. Default threshold 0.5.
    /// </summary>
    Npmi,
}

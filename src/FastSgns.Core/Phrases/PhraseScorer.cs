namespace FastSgns.Phrases;

/// <summary>How a bigram is scored, and with it which peer's counting and scoring a run reproduces.</summary>
internal enum PhraseScorer
{
    /// <summary>
    /// word2phrase's (word2vec.c): (count(ab) − minCount) / (count(a)·count(b)) · corpus words, in single precision;
    /// both words must be seen minCount times. Bigrams are counted across line ends, as word2phrase counts them.
    /// </summary>
    Default,

    /// <summary>
    /// gensim's normalized pointwise mutual information, ln(p(ab) / (p(a)·p(b))) / −ln p(ab), in −1..1; the bigram must
    /// be seen minCount times. Bigrams are counted within lines (gensim's sentences).
    /// </summary>
    Npmi,
}

namespace FastSgns.Phrases;

/// <summary>
/// The two scores, written as their peers compute them so the same counts give the same decisions to the last bit:
/// word2phrase in single precision in its order of operations, gensim's npmi in double precision.
/// </summary>
internal static class PhraseScore
{
    /// <summary>word2phrase: (count(ab) − minCount) / count(a) / count(b) · words, each step rounded to float.</summary>
    public static float Word2Phrase(long a, long b, long ab, long minCount, long words) =>
        (float)(ab - minCount) / (float)a / (float)b * (float)words;

    /// <summary>gensim's npmi_scorer: ln(p(ab) / (p(a)·p(b))) / −ln p(ab), probabilities over the corpus's words.</summary>
    public static double Npmi(long a, long b, long ab, long words)
    {
        double total = words;
        double pa = a / total;
        double pb = b / total;
        double pab = ab / total;
        return Math.Log(pab / (pa * pb)) / -Math.Log(pab);
    }

    /// <summary>
    /// Whether the bigram ab joins. word2phrase needs both words and the bigram seen minCount times (the rest were
    /// dropped from its table) and a score above the threshold (itself a float there); gensim's npmi needs the
    /// bigram seen minCount times and both words seen at all.
    /// </summary>
    public static bool Joins(PhraseScorer scorer, long a, long b, long ab, long minCount, long words, double threshold)
    {
        if (ab < minCount || a <= 0 || b <= 0)
        {
            return false;
        }

        if (scorer == PhraseScorer.Npmi)
        {
            return Npmi(a, b, ab, words) > threshold;
        }

        return a >= minCount && b >= minCount && Word2Phrase(a, b, ab, minCount, words) > (float)threshold;
    }
}

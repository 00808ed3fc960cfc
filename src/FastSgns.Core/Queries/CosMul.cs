namespace FastSgns.Queries;

/// <summary>
/// The 3CosMul objective (Levy &amp; Goldberg 2014, eq. 4, with cosines shifted to [0, 1] as their footnote 7 says), in
/// one place so that queries and the analogy evaluator score identically, and as gensim's <c>most_similar_cosmul</c>
/// scores: Π cos′(d, p) over the positive words / (Π cos′(d, n) over the negative words + ε), cos′ = (cos + 1) / 2,
/// an empty product being 1.
/// </summary>
internal static class CosMul
{
    /// <summary>
    /// gensim's ε (1e-6), which keeps a candidate opposite to every negative word from dividing by zero. The paper used
    /// 0.001; the two rank candidates differently only when the negative product is within about 1e-3 of zero.
    /// </summary>
    public const float Epsilon = 1e-6f;

    /// <summary>A cosine in [−1, 1] shifted to [0, 1].</summary>
    public static float Shift(float cosine) => (cosine + 1) * 0.5f;

    /// <summary>The score of a candidate from the products of its shifted cosines with the positive and the negative words.</summary>
    public static float Score(float positiveProduct, float negativeProduct) => positiveProduct / (negativeProduct + Epsilon);

    /// <summary>a : b :: c : ? — the score of a candidate d from its three cosines with a (negative), b and c (positive).</summary>
    public static float Score(float cosA, float cosB, float cosC) => Score(Shift(cosB) * Shift(cosC), Shift(cosA));
}

namespace FastSgns.Queries;

/// <summary>The 3CosMul objective, in one place so that queries and the analogy evaluator score identically.</summary>
internal static class CosMul
{
    /// <summary>
    /// Levy &amp; Goldberg's ε, which keeps a candidate opposite to <c>a</c> from dividing by zero. gensim uses 1e-6;
    /// the ranking differs from gensim's only when cos'(d, a) is within about 1e-3 of zero.
    /// </summary>
    public const float Epsilon = 0.001f;

    /// <summary>The score of a candidate d from its three cosines with a, b and c (each in [−1, 1]).</summary>
    public static float Score(float cosA, float cosB, float cosC) =>
        (cosB + 1) * 0.5f * ((cosC + 1) * 0.5f) / ((cosA + 1) * 0.5f + Epsilon);
}

namespace FastSgns.Training;

/// <summary>
/// word2vec.c's schedule: alpha · (1 − done / (epochs · trainWords + 1)), never below alpha · 1e-4. Driven by the
/// words all workers processed together, so every thread decays at the same pace. With <paramref name="end"/> above
/// 0 the decay runs from alpha to end · alpha instead of to 0: alpha · (1 − (1 − end) · done / (…)), the same floor
/// (CBOW with negatives, <see cref="TrainingOptions.AlphaEnd"/>). End 0 computes exactly word2vec.c's expression.
/// </summary>
internal readonly struct LearningRate(float alpha, long totalWords, float end = 0)
{
    public float Start => alpha;

    public float Floor => alpha * 1e-4f;

    public float At(long words) => end == 0
        ? Math.Max(alpha * 1e-4f, alpha * (1 - words / (float)(totalWords + 1)))
        : Math.Max(alpha * 1e-4f, alpha * (1 - (1 - end) * (words / (float)(totalWords + 1))));
}

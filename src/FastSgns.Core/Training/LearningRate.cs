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

    // With end 0 the factor (1 − end) is exactly 1 and multiplying by it is exact, so this is word2vec.c's expression bit for bit.
    public float At(long words) => Math.Max(alpha * 1e-4f, alpha * (1 - (1 - end) * (words / (float)(totalWords + 1))));
}

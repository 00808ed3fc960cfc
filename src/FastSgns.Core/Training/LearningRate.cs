namespace FastSgns.Training;

/// <summary>
/// word2vec.c's schedule: alpha · (1 − done / (epochs · trainWords + 1)), never below alpha · 1e-4. Driven by the
/// words all workers processed together, so every thread decays at the same pace.
/// </summary>
internal readonly struct LearningRate(float alpha, long totalWords)
{
    public float Start => alpha;

    public float Floor => alpha * 1e-4f;

    public float At(long words) => Math.Max(alpha * 1e-4f, alpha * (1 - words / (float)(totalWords + 1)));
}

namespace FastSgns.Training;

/// <summary>A snapshot of a running training, reported about once a second and at the end.</summary>
public readonly record struct TrainingProgress(
    double Fraction,
    long WordsProcessed,
    TimeSpan Elapsed,
    double WordsPerSecond,
    double WordsPerSecondPerThread,
    float LearningRate,
    double AverageLoss,
    TimeSpan EstimatedRemaining,
    int Threads)
{
    public override string ToString() =>
        $"{Fraction * 100,6:F2}%  words/s {WordsPerSecond / 1000,8:F1}k  per thread {WordsPerSecondPerThread / 1000,7:F1}k  " +
        $"lr {LearningRate:F6}  loss {AverageLoss:F4}  ETA {FormatTime(EstimatedRemaining)}";

    private static string FormatTime(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m{t.Seconds:D2}s" : $"{t.Minutes}m{t.Seconds:D2}s";
}

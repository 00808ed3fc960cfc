namespace FastSgns.Training;

/// <summary>A snapshot of a running training, reported about once a second and at the end.</summary>
/// <param name="Fraction">Share of the training done, from 0 to 1.</param>
/// <param name="WordsProcessed">Corpus words processed so far, over all threads and epochs.</param>
/// <param name="Elapsed">Time since training (not counting or encoding) started.</param>
/// <param name="WordsPerSecond">Throughput over all threads.</param>
/// <param name="WordsPerSecondPerThread">Throughput per thread.</param>
/// <param name="LearningRate">The current, decayed learning rate.</param>
/// <param name="AverageLoss">Average loss per pair since the previous snapshot.</param>
/// <param name="EstimatedRemaining">Time left at the current pace.</param>
/// <param name="Threads">Worker threads.</param>
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
    /// <summary>One progress line: percent, words/s in total and per thread, learning rate, loss and ETA.</summary>
    public override string ToString() =>
        $"{Fraction * 100,6:F2}%  words/s {WordsPerSecond / 1000,8:F1}k  per thread {WordsPerSecondPerThread / 1000,7:F1}k  " +
        $"lr {LearningRate:F6}  loss {AverageLoss:F4}  ETA {FormatTime(EstimatedRemaining)}";

    private static string FormatTime(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m{t.Seconds:D2}s" : $"{t.Minutes}m{t.Seconds:D2}s";
}

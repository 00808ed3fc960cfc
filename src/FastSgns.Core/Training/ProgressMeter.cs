namespace FastSgns.Training;

/// <summary>
/// Turns the workers' counters into <see cref="TrainingProgress"/> reports on the training thread: fraction done,
/// words/s in total and per thread, the learning rate, and the average loss since the previous report.
/// </summary>
internal sealed class ProgressMeter(Func<IEnumerable<Worker>> workers, int threads, SharedState shared)
{
    private double _reportedLoss;
    private long _reportedPairs;

    public TrainingProgress Snapshot(TimeSpan elapsed)
    {
        long words = Interlocked.Read(ref shared.WordsProcessed);
        double totalLoss = 0;
        long totalPairs = 0;
        foreach (Worker w in workers())
        {
            totalLoss += Volatile.Read(ref w.Loss);
            totalPairs += Volatile.Read(ref w.Pairs);
        }

        // Average over the pairs trained since the previous report, so the figure follows the current state.
        double loss = totalLoss - _reportedLoss;
        long pairs = totalPairs - _reportedPairs;
        (_reportedLoss, _reportedPairs) = (totalLoss, totalPairs);

        double fraction = shared.TotalWords == 0 ? 1 : Math.Min(1, (double)words / shared.TotalWords);
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        double rate = (words - shared.StartWords) / seconds;
        TimeSpan eta = rate > 0 ? TimeSpan.FromSeconds((shared.TotalWords - words) / rate) : TimeSpan.Zero;
        return new TrainingProgress(fraction, words, elapsed, rate, rate / threads, shared.LearningRate.At(words),
            pairs > 0 ? loss / pairs : 0, eta, threads);
    }
}

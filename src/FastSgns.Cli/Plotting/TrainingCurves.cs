using FastSgns.Training;

namespace FastSgns.Cli.Plotting;

/// <summary>The progress snapshots of a training run as columns, with the numbers a report quotes from them.</summary>
internal sealed class TrainingCurves
{
    public TrainingCurves(IReadOnlyList<TrainingProgress> snapshots)
    {
        if (snapshots.Count == 0)
        {
            throw new InvalidDataException("no training progress was reported, so there is nothing to plot.");
        }

        Count = snapshots.Count;
        Seconds = new double[Count];
        Loss = new double[Count];
        WordsPerSecond = new double[Count];
        LearningRate = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            Seconds[i] = snapshots[i].Elapsed.TotalSeconds;
            Loss[i] = snapshots[i].AverageLoss;
            WordsPerSecond[i] = snapshots[i].WordsPerSecond;
            LearningRate[i] = snapshots[i].LearningRate;
            PeakWordsPerSecond = Math.Max(PeakWordsPerSecond, snapshots[i].WordsPerSecond);
            FinalLoss = double.IsFinite(snapshots[i].AverageLoss) ? snapshots[i].AverageLoss : FinalLoss;
        }

        WordsProcessed = snapshots[^1].WordsProcessed;
        MeanWordsPerSecond = Seconds[^1] > 0 ? WordsProcessed / Seconds[^1] : 0;
    }

    public int Count { get; }

    /// <summary>Elapsed training time of each snapshot; snapshots come in order, so these never decrease.</summary>
    public double[] Seconds { get; }

    public double[] Loss { get; }

    public double[] WordsPerSecond { get; }

    public double[] LearningRate { get; }

    public long WordsProcessed { get; }

    /// <summary>Words processed over the whole training time.</summary>
    public double MeanWordsPerSecond { get; }

    public double PeakWordsPerSecond { get; }

    /// <summary>The last finite average loss, or null when none was.</summary>
    public double? FinalLoss { get; }
}

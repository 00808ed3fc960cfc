using FastSgns.Checkpoints;

namespace FastSgns.Training;

/// <summary>
/// Training was cancelled and its state saved to a checkpoint; a run on the same input with the same options and
/// <c>Resume</c> set continues from it. It is an <see cref="OperationCanceledException"/>, so a host that only
/// handles cancellation still sees one.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException, IOptionMessage
{
    internal TrainingInterruptedException(string checkpointPath, double fraction)
        : base(Text(checkpointPath, fraction, name => name))
    {
        CheckpointPath = checkpointPath;
        Fraction = fraction;
    }

    /// <summary>The checkpoint file that holds the state at the interruption.</summary>
    public string CheckpointPath { get; }

    /// <summary>How much of the training was done, from 0 to 1.</summary>
    public double Fraction { get; }

    string IOptionMessage.Describe(Func<string, string> rename) => Text(CheckpointPath, Fraction, rename);

    private static string Text(string checkpointPath, double fraction, Func<string, string> rename) =>
        $"interrupted at {fraction:P1} of training; the checkpoint {checkpointPath} holds the state: run again the same way with {rename(nameof(CheckpointPlan.Resume))} to continue.";
}

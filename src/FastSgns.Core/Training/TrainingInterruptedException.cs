using FastSgns.Checkpoints;

namespace FastSgns.Training;

/// <summary>
/// Training was cancelled and its state saved to a checkpoint that a run with <see cref="CheckpointPlan.Resume"/>
/// continues from.
/// </summary>
public sealed class TrainingInterruptedException(string checkpointPath, double fraction)
    : OperationCanceledException(Text(checkpointPath, fraction, name => name)), IOptionMessage
{
    public string CheckpointPath { get; } = checkpointPath;

    public double Fraction { get; } = fraction;

    public string Describe(Func<string, string> rename) => Text(CheckpointPath, Fraction, rename);

    private static string Text(string checkpointPath, double fraction, Func<string, string> rename) =>
        $"interrupted at {fraction:P1} of training; the checkpoint {checkpointPath} holds the state: run again the same way with {rename(nameof(CheckpointPlan.Resume))} to continue.";
}

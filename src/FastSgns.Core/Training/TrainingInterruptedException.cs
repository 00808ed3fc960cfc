namespace FastSgns.Training;

/// <summary>Training was cancelled and its state saved to a checkpoint that <c>--resume</c> continues from.</summary>
public sealed class TrainingInterruptedException(string checkpointPath, double fraction)
    : OperationCanceledException($"interrupted at {fraction:P1} of training; the checkpoint {checkpointPath} holds the state, run the same command with --resume to continue.")
{
    public string CheckpointPath { get; } = checkpointPath;

    public double Fraction { get; } = fraction;
}

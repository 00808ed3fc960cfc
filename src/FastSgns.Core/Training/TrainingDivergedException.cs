namespace FastSgns.Training;

/// <summary>Thrown when a loss or a vector becomes NaN or infinite; nothing is written after it.</summary>
public sealed class TrainingDivergedException : Exception
{
    public long WordsProcessed { get; }
    public float LearningRate { get; }

    public TrainingDivergedException(long wordsProcessed, float learningRate)
        : base($"Training diverged (NaN or infinite loss) after {wordsProcessed:N0} words at learning rate {learningRate:G4}; " +
               $"nothing was written. Try a smaller --alpha, e.g. {learningRate / 4:G3}.")
    {
        WordsProcessed = wordsProcessed;
        LearningRate = learningRate;
    }
}

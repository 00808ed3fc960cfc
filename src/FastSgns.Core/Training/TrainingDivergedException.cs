namespace FastSgns.Training;

/// <summary>Thrown when a loss or a vector becomes NaN or infinite; no vectors are returned or written after it.</summary>
public sealed class TrainingDivergedException : Exception, IOptionMessage
{
    /// <summary>Words processed (over all threads and epochs) when the divergence was seen: the step.</summary>
    public long WordsProcessed { get; }

    /// <summary>The decayed learning rate at that step.</summary>
    public float LearningRate { get; }

    /// <summary>The run's starting learning rate (<see cref="TrainingOptions.Alpha"/>).</summary>
    public float StartingAlpha { get; }

    /// <summary>A starting learning rate worth trying instead.</summary>
    public float SuggestedAlpha { get; }

    internal TrainingDivergedException(long wordsProcessed, float learningRate)
        : this(wordsProcessed, learningRate, learningRate)
    {
    }

    internal TrainingDivergedException(long wordsProcessed, float learningRate, float startingAlpha)
        : base(Text(wordsProcessed, learningRate, startingAlpha, name => name))
    {
        WordsProcessed = wordsProcessed;
        LearningRate = learningRate;
        StartingAlpha = startingAlpha;
        SuggestedAlpha = Suggest(startingAlpha);
    }

    string IOptionMessage.Describe(Func<string, string> rename) => Text(WordsProcessed, LearningRate, StartingAlpha, rename);

    private static string Text(long wordsProcessed, float learningRate, float startingAlpha, Func<string, string> rename)
    {
        string alpha = rename(nameof(TrainingOptions.Alpha));
        return $"Training diverged (NaN or infinite loss) after {wordsProcessed:N0} words at learning rate {learningRate:G4} " +
               $"({alpha} {startingAlpha:G4}); no vectors were written. Try a smaller {alpha}, e.g. {Suggest(startingAlpha):G3}.";
    }

    /// <summary>
    /// word2vec's skip-gram default (0.025) when the run started above it, which is almost always the cause;
    /// a tenth of the starting rate otherwise (huge unnormalized inputs can diverge even there).
    /// </summary>
    private static float Suggest(float startingAlpha) => startingAlpha > 0.025f ? 0.025f : startingAlpha / 10;
}

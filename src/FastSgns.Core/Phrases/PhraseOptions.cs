namespace FastSgns.Phrases;

/// <summary>
/// The settings of a phrase-detection run. Messages name the settings by these property names; the CLI rewords them
/// with its flags.
/// </summary>
internal sealed record PhraseOptions
{
    /// <summary>word2phrase's threshold; gensim's npmi threshold has no default of its own (its 10 is out of range).</summary>
    public const double DefaultThreshold = 100;

    public const double DefaultNpmiThreshold = 0.5;

    public const int MaxPasses = 16;

    /// <summary>Bigrams and their words seen fewer times never join (word2phrase's -min-count).</summary>
    public long MinCount { get; init; } = 5;

    /// <summary>A bigram joins when its score is above this; null for the scorer's default.</summary>
    public double? Threshold { get; init; }

    public PhraseScorer Scorer { get; init; } = PhraseScorer.Default;

    /// <summary>Rounds of detection, each over the previous one's output: 2 finds trigrams (and 4-grams).</summary>
    public int Passes { get; init; } = 1;

    /// <summary>The byte that joins a phrase's words: one printable ASCII character.</summary>
    public char Delimiter { get; init; } = '_';

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Bound on the counting tables in bytes (0: none); over it, rare entries are pruned as word2phrase's ReduceVocab.</summary>
    public long MaxVocabularyMemory { get; init; }

    /// <summary>Bytes of word indices kept from counting for rewriting to replay (null: the detector's default; tests vary it).</summary>
    public long? IdStreamBudget { get; init; }

    public double EffectiveThreshold => Threshold ?? (Scorer == PhraseScorer.Npmi ? DefaultNpmiThreshold : DefaultThreshold);

    /// <summary>Throws an <see cref="ArgumentException"/> (its ParamName the property) for the first setting out of range.</summary>
    public void Validate()
    {
        Check(MinCount >= 1, nameof(MinCount), $"must be at least 1, got {MinCount}.");
        double threshold = EffectiveThreshold;
        if (Scorer == PhraseScorer.Npmi)
        {
            Check(threshold is >= -1 and <= 1, nameof(Threshold), $"must be between -1 and 1 for the npmi scorer, got {threshold}.");
        }
        else
        {
            // word2phrase scores every pair it does not know 0 and joins it when 0 > threshold: a negative
            // threshold would join every other word of the text.
            Check(threshold >= 0 && double.IsFinite(threshold), nameof(Threshold), $"must be 0 or more for the default scorer, got {threshold}.");
        }

        Check(Passes is >= 1 and <= MaxPasses, nameof(Passes), $"must be between 1 and {MaxPasses}, got {Passes}.");
        Check(Delimiter is > ' ' and < (char)127, nameof(Delimiter), $"must be one printable ASCII character (no space), got \"{Delimiter}\".");
        Check(Threads >= 1, nameof(Threads), $"must be at least 1, got {Threads}.");
        Check(MaxVocabularyMemory >= 0, nameof(MaxVocabularyMemory), $"must be 0 (no bound) or a number of bytes, got {MaxVocabularyMemory}.");
    }

    private static void Check(bool valid, string name, string problem)
    {
        if (!valid)
        {
            throw new ArgumentException($"{name} {problem}", name);
        }
    }
}

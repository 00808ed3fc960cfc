namespace FastSgns;

/// <summary>
/// The settings of <see cref="PhraseModel.Learn"/> and <see cref="PhraseModel.Rewrite"/>, named as gensim's
/// <c>Phrases</c> arguments where it has them; the defaults are word2phrase's (and <c>fastsgns phrases</c>'s).
/// </summary>
public sealed record PhraseSettings
{
    /// <summary>Bigrams (and, for the default scorer, their words) seen fewer times never join (gensim's <c>min_count</c>); default 5.</summary>
    public long MinCount { get; init; } = 5;

    /// <summary>A bigram joins when its score is above this; null for the scorer's default (100, or 0.5 for npmi).</summary>
    public double? Threshold { get; init; }

    /// <summary>How bigrams are scored (gensim's <c>scoring</c>).</summary>
    public PhraseScoring Scoring { get; init; } = PhraseScoring.Default;

    /// <summary>Rounds of joining, each over the previous one's output: 2 finds trigrams (as stacking two gensim models does).</summary>
    public int Passes { get; init; } = 1;

    /// <summary>The character that joins a phrase's words (gensim's <c>delimiter</c>): one printable ASCII character.</summary>
    public char Delimiter { get; init; } = '_';

    /// <summary>Threads counting and rewriting; the result is the same on any number. Default: the processor count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Bound on the counting tables in bytes (0: none); over it, rare entries are pruned as word2phrase's ReduceVocab does, making rare counts approximate.</summary>
    public long MaxVocabularyMemory { get; init; }

    /// <summary>Where the spool of a pass that a further pass reads is kept; null: the output's directory, or the system temp directory.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Stage messages (counts, phrases, throughput), one line each; null for silence.</summary>
    public Action<string>? Log { get; init; }

    internal Phrases.PhraseOptions ToOptions() => new()
    {
        MinCount = MinCount,
        Threshold = Threshold,
        Scorer = Scoring == PhraseScoring.Npmi ? Phrases.PhraseScorer.Npmi : Phrases.PhraseScorer.Default,
        Passes = Passes,
        Delimiter = Delimiter,
        Threads = Threads,
        MaxVocabularyMemory = MaxVocabularyMemory,
    };
}

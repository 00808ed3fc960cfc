using FastSgns.Phrases;

namespace FastSgns;

/// <summary>
/// Multi-word phrases (<c>new_york</c>), as gensim's <c>Phrases</c> and word2vec.c's word2phrase find them: bigrams
/// whose words occur together more than chance are joined into one token. <see cref="Learn"/> counts a corpus and keeps
/// the phrases, to join them in any sentence with <see cref="Apply"/> (gensim's <c>phrases[sentence]</c>);
/// <see cref="Rewrite"/> writes a whole corpus again with its phrases joined (<c>fastsgns phrases</c>), streaming files
/// of any size. A learned model and a rewritten file agree: applying the model to a line of the input gives the
/// output's line.
/// </summary>
public sealed class PhraseModel
{
    private readonly IReadOnlyList<PhraseTable> _passes;

    private PhraseModel(IReadOnlyList<PhraseTable> passes, char delimiter)
    {
        _passes = passes;
        Delimiter = delimiter;
    }

    /// <summary>The character that joins a phrase's words.</summary>
    public char Delimiter { get; }

    /// <summary>How many rounds of joining <see cref="Apply"/> makes (the settings' Passes).</summary>
    public int Passes => _passes.Count;

    /// <summary>
    /// The joining bigrams of each pass, as their two tokens (gensim's <c>export_phrases</c>, without scores); a
    /// token of a later pass may itself be a phrase of an earlier one.
    /// </summary>
    public IReadOnlyList<(int Pass, string First, string Second)> Phrases =>
        [.. _passes.SelectMany((table, pass) => table.Phrases().Select(p => (pass + 1, p.First, p.Second)))];

    /// <summary>
    /// Counts the words and bigrams of the UTF-8 text files (a .gz file is decompressed as it is read; lines are
    /// sentences, tokens are separated by whitespace) and keeps the bigrams that score above the threshold.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    /// <exception cref="FileNotFoundException">An input file does not exist.</exception>
    public static PhraseModel Learn(IReadOnlyList<string> inputFiles, PhraseSettings? settings = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputFiles);
        settings ??= new PhraseSettings();
        PhraseOptions options = settings.ToOptions();
        options.Validate();
        return new PhraseModel(PhraseDetector.Learn(inputFiles, options, settings.WorkDirectory, settings.Log, cancellation), options.Delimiter);
    }

    /// <summary>
    /// Writes the text files again as one corpus, phrases joined, a line per input line, words separated by one space
    /// (gzip when <paramref name="outputFile"/> ends in .gz); the file is written to a temporary file and renamed into
    /// place, so a failure leaves no half-written output. Returns what each pass counted and joined.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the output is one of the inputs.</exception>
    public static IReadOnlyList<PhrasePassResult> Rewrite(IReadOnlyList<string> inputFiles, string outputFile, PhraseSettings? settings = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputFiles);
        ArgumentNullException.ThrowIfNull(outputFile);
        settings ??= new PhraseSettings();
        PhraseOptions options = settings.ToOptions();
        options.Validate();
        string output = Path.GetFullPath(outputFile);
        if (inputFiles.Any(input => string.Equals(Path.GetFullPath(input), output, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{outputFile}: the output is one of the inputs; writing it would replace the text being read.");
        }

        string? directory = settings.WorkDirectory ?? Path.GetDirectoryName(output);
        IReadOnlyList<PhrasePass> passes = PhraseDetector.Run(inputFiles, output, options, directory, settings.Log, cancellation);
        return [.. passes.Select(p => new PhrasePassResult(p.Number, p.Words, p.DistinctWords, p.DistinctBigrams, p.Phrases, p.Joined))];
    }

    /// <summary>
    /// One sentence's tokens with the phrases joined, pass after pass (gensim's <c>phrases[sentence]</c>): within a
    /// pass, left to right, a token joins the one before it when that one is not already joined to its own predecessor
    /// and the bigram is a phrase. Tokens longer than 100 bytes were cut when counted, so they never join.
    /// </summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        IReadOnlyList<string> tokens = sentence;
        foreach (PhraseTable table in _passes)
        {
            tokens = table.Join(tokens, Delimiter);
        }

        return tokens;
    }
}

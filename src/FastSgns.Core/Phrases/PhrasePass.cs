namespace FastSgns.Phrases;

/// <summary>What one pass of phrase detection counted, found and wrote.</summary>
internal sealed record PhrasePass
{
    public required int Number { get; init; }

    /// <summary>Tokens read (word2phrase's train_words, the scores' corpus size).</summary>
    public required long Words { get; init; }

    public required int DistinctWords { get; init; }

    public required int DistinctBigrams { get; init; }

    /// <summary>Distinct bigrams that score above the threshold.</summary>
    public required int Phrases { get; init; }

    /// <summary>Bigrams joined in the text (occurrences).</summary>
    public required long Joined { get; init; }

    /// <summary>Bytes of text read (decompressed for .gz).</summary>
    public required long TextBytes { get; init; }

    /// <summary>Chunks of text the pass cut, and how many of them rewriting replayed from their kept word indices.</summary>
    public int Chunks { get; init; }

    public int ReplayedChunks { get; init; }

    public required double CountSeconds { get; init; }

    public required double RewriteSeconds { get; init; }

    /// <summary>The counting tables' size and any pruning, as a log line.</summary>
    public required string Counting { get; init; }

    public override string ToString() =>
        $"pass {Number}: {Counting}; {Phrases:N0} phrases, {Joined:N0} bigrams joined in the text; " +
        $"counted in {CountSeconds:F1} s, rewrote in {RewriteSeconds:F1} s ({TextBytes / 1e6 / Math.Max(CountSeconds + RewriteSeconds, 1e-9):F1} MB/s)";
}

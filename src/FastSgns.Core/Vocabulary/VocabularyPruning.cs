namespace FastSgns.Vocabulary;

/// <summary>
/// A memory bound on counting, as word2vec.c's ReduceVocab and gensim's max_vocab_size do it: whenever a table's
/// arrays outgrow <see cref="MaxBytes"/>, words counted at most <see cref="Threshold"/> times are dropped and the
/// threshold rises by one for the next time. A dropped word that comes back starts again from 0, so the counts of
/// rare words (and which rare words survive) become approximate; frequent words are unaffected in practice.
/// </summary>
internal sealed class VocabularyPruning(long maxBytes)
{
    public long MaxBytes { get; } = maxBytes;

    /// <summary>The highest count pruned so far (0: never pruned).</summary>
    public long Threshold { get; private set; }

    public int Prunings { get; private set; }
    public long WordsDropped { get; private set; }
    public long OccurrencesDropped { get; private set; }

    /// <summary>Prunes <paramref name="table"/> until it fits; cheap when it already does.</summary>
    public void Enforce(Utf8WordTable table)
    {
        while (table.EstimatedBytes > MaxBytes && table.Count > 0)
        {
            Threshold++;
            (int words, long occurrences) = table.Prune(Threshold);
            Prunings++;
            WordsDropped += words;
            OccurrencesDropped += occurrences;
        }
    }

    /// <summary>Adds another pruning's figures into this one (the per-thread tables into the merged report).</summary>
    public void Absorb(VocabularyPruning other)
    {
        Threshold = Math.Max(Threshold, other.Threshold);
        Prunings += other.Prunings;
        WordsDropped += other.WordsDropped;
        OccurrencesDropped += other.OccurrencesDropped;
    }

    public override string ToString() =>
        Prunings == 0
            ? $"no pruning needed under {MaxBytes / 1e6:F0} MB"
            : $"pruned {Prunings:N0} time(s) to stay under {MaxBytes / 1e6:F0} MB: dropped {WordsDropped:N0} word entries " +
              $"({OccurrencesDropped:N0} occurrences) counted at most {Threshold:N0} time(s); counts of rare words are approximate";
}

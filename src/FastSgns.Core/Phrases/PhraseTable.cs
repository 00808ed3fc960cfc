using FastSgns.Vocabulary;

namespace FastSgns.Phrases;

/// <summary>
/// What rewriting needs from a pass's counts: the bigrams that join, keyed by the indices of their words in a table
/// of just the words that take part in one. It is small (tens of thousands of phrases for a 40 M-word corpus), so the
/// rewriting threads share it read-only and most tokens miss it after one hash.
/// </summary>
internal sealed class PhraseTable
{
    private PhraseTable(Utf8WordTable words, PairTable joins)
    {
        Words = words;
        Joins = joins;
    }

    public Utf8WordTable Words { get; }

    /// <summary>Pairs of <see cref="Words"/> indices that join (value 1).</summary>
    public PairTable Joins { get; }

    public int Count => Joins.Count;

    /// <summary>
    /// Scores every counted bigram with the scorer's rule (<see cref="PhraseScore.Joins"/>): the slots are cut into one
    /// range per thread, each scored on its own thread, and the joining pairs are added range after range, so the
    /// table is the one a single scan builds.
    /// </summary>
    public static PhraseTable Build(PhraseCounts counts, PhraseOptions options)
    {
        DelimiterCollisions? collisions = DelimiterCollisions.Find(counts, (byte)options.Delimiter);
        Utf8WordTable unigrams = counts.Unigrams;
        PairTable pairs = counts.Pairs;
        double threshold = options.EffectiveThreshold;
        // DelimiterCollisions joins words in a scratch buffer of its own: with collisions (rare), one thread.
        int parts = collisions is not null ? 1 : Math.Max(1, Math.Min(options.Threads, pairs.SlotCount / (1 << 16)));
        var joining = new List<ulong>[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var found = new List<ulong>();
            int end = (int)((long)pairs.SlotCount * (part + 1) / parts);
            for (int slot = (int)((long)pairs.SlotCount * part / parts); slot < end; slot++)
            {
                if (!pairs.IsUsed(slot))
                {
                    continue;
                }

                ulong key = pairs.KeyAt(slot);
                int a = PairTable.First(key), b = PairTable.Second(key);
                long ab = collisions?.PairCount(key, pairs.ValueAt(slot)) ?? pairs.ValueAt(slot);
                long countA = collisions?.WordCount(a) ?? unigrams.GetCount(a);
                long countB = collisions?.WordCount(b) ?? unigrams.GetCount(b);
                if (PhraseScore.Joins(options.Scorer, countA, countB, ab, options.MinCount, counts.Words, threshold))
                {
                    found.Add(key);
                }
            }

            joining[part] = found;
        });

        var words = new Utf8WordTable(1024);
        var joins = new PairTable(1024);
        foreach (ulong key in joining.SelectMany(found => found))
        {
            int first = words.Add(unigrams.GetWord(PairTable.First(key)), 0);
            int second = words.Add(unigrams.GetWord(PairTable.Second(key)), 0);
            joins.Add(PairTable.Key(first, second), 1);
        }

        return new PhraseTable(words, joins);
    }

    /// <summary>
    /// One line's tokens with this table's phrases joined by <paramref name="delimiter"/>, decided left to right as
    /// the file rewriting decides them (<see cref="RewriteSink"/>): a token joins the one before it when that one is
    /// not itself joined to its predecessor and the pair is in the table.
    /// </summary>
    public List<string> Join(IReadOnlyList<string> line, char delimiter)
    {
        var joined = new List<string>(line.Count);
        int previous = -1;
        bool previousFree = true;
        foreach (string token in line)
        {
            int id = Words.IndexOf(System.Text.Encoding.UTF8.GetBytes(token));
            if (joined.Count > 0 && previousFree && previous >= 0 && id >= 0 && Joins.Get(PairTable.Key(previous, id)) != 0)
            {
                joined[^1] = string.Concat(joined[^1], delimiter.ToString(), token);
                previousFree = false;
            }
            else
            {
                joined.Add(token);
                previousFree = true;
            }

            previous = id;
        }

        return joined;
    }

    /// <summary>The joining bigrams as text, for tests and reports.</summary>
    public IEnumerable<(string First, string Second)> Phrases()
    {
        for (int slot = 0; slot < Joins.SlotCount; slot++)
        {
            if (Joins.IsUsed(slot))
            {
                ulong key = Joins.KeyAt(slot);
                yield return (System.Text.Encoding.UTF8.GetString(Words.GetWord(PairTable.First(key))),
                    System.Text.Encoding.UTF8.GetString(Words.GetWord(PairTable.Second(key))));
            }
        }
    }
}

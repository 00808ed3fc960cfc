using FastSgns.Threading;
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
    /// Scores every counted bigram with the scorer's rule (<see cref="PhraseScore.Joins"/>): the slots are cut into
    /// ranges, each scored on a thread of its own, and the joining pairs are added range after range, so the table
    /// holds what a single scan finds.
    /// </summary>
    public static PhraseTable Build(PhraseCounts counts, PhraseOptions options)
    {
        DelimiterCollisions? collisions = DelimiterCollisions.Find(counts, (byte)options.Delimiter);
        Utf8WordTable unigrams = counts.Unigrams;
        double threshold = options.EffectiveThreshold;
        // One range per thread in each table of pairs (one, or one per partition). DelimiterCollisions joins words
        // in a scratch buffer of its own: with collisions (rare), one thread.
        var ranges = new List<(PairTable Pairs, int From, int To)>();
        foreach (PairTable pairs in counts.PairParts)
        {
            int cuts = collisions is not null ? 1 : Math.Max(1, Math.Min(options.Threads, pairs.SlotCount / (1 << 16)));
            for (int cut = 0; cut < cuts; cut++)
            {
                ranges.Add((pairs, (int)((long)pairs.SlotCount * cut / cuts), (int)((long)pairs.SlotCount * (cut + 1) / cuts)));
            }
        }

        var joining = new List<ulong>[ranges.Count];
        // Threads of their own (ChunkWorkers), not the thread pool's: a cold pool left most ranges to this thread.
        int threads = collisions is not null ? 1 : Math.Max(1, Math.Min(options.Threads, ranges.Count));
        ChunkWorkers.Run(threads, ranges.Count, "phrase-score", (_, queue) =>
        {
            while (queue.TryTake(out int r))
            {
                joining[r] = Score(ranges[r], counts, unigrams, collisions, options, threshold);
            }
        }, CancellationToken.None);

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

    /// <summary>The joining pairs among the slots [From, To) of one table, in slot order.</summary>
    private static List<ulong> Score((PairTable Pairs, int From, int To) range, PhraseCounts counts, Utf8WordTable unigrams,
        DelimiterCollisions? collisions, PhraseOptions options, double threshold)
    {
        var found = new List<ulong>();
        (PairTable pairs, int from, int to) = range;
        for (int slot = from; slot < to; slot++)
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

        return found;
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

using FastSgns.Vocabulary;

namespace FastSgns.Phrases;

/// <summary>
/// Unigram and bigram counts of one pass: words in a <see cref="Utf8WordTable"/>, bigrams in a <see cref="PairTable"/>
/// keyed by the words' indices there. With a memory bound, both are pruned together as word2phrase's ReduceVocab
/// prunes its one table of words and bigrams: entries counted at most N times go, N rises by one each time, and a
/// bigram whose word went goes with it (its indices would dangle).
/// </summary>
internal sealed class PhraseCounts
{
    /// <summary>Pairs waiting to be added in one batch (<see cref="PairTable.AddEach(ReadOnlySpan{ulong})"/>).</summary>
    private readonly ulong[] _pending = new ulong[256];
    private int _pendingCount;

    public PhraseCounts(long maxBytes, int capacity = 1 << 16, int pairCapacity = 0)
    {
        MaxBytes = maxBytes;
        Unigrams = new Utf8WordTable(capacity);
        Pairs = new PairTable(Math.Max(capacity, pairCapacity));
        PairParts = [Pairs];
    }

    public Utf8WordTable Unigrams { get; }

    /// <summary>The bigrams while they are counted in one table (counting thread by thread, then merged).</summary>
    public PairTable Pairs { get; }

    /// <summary>
    /// Every bigram, in one table or (counted by <see cref="PairPartitions"/>) split into tables by
    /// <see cref="PairPartitions.PartOf"/>; <see cref="PairCount"/> finds a pair in either case.
    /// </summary>
    public PairTable[] PairParts { get; private set; }

    /// <summary>Distinct bigrams counted.</summary>
    public int DistinctPairs => PairParts.Sum(part => part.Count);

    /// <summary>The pair's count, or 0 when absent.</summary>
    public long PairCount(ulong key) => PairParts[PairPartitions.PartOf(key, PairParts.Length)].Get(key);

    /// <summary>Takes the bigrams counted in partitions (<see cref="PairPartitions"/>) in place of <see cref="Pairs"/>, which must be empty.</summary>
    public void UsePartitions(PairTable[] parts)
    {
        if (Pairs.Count != 0 || MaxBytes != 0)
        {
            throw new InvalidOperationException("Partitioned bigrams replace an empty, unbounded table only.");
        }

        PairParts = parts;
    }

    /// <summary>The bound on <see cref="EstimatedBytes"/> (0: none).</summary>
    public long MaxBytes { get; set; }

    /// <summary>Tokens counted (word2phrase's train_words).</summary>
    public long Words { get; set; }

    /// <summary>The highest count pruned so far (0: never pruned).</summary>
    public long PruneThreshold { get; private set; }

    public int Prunings { get; private set; }

    public long EntriesDropped { get; private set; }

    public long EstimatedBytes => Unigrams.EstimatedBytes + Pairs.EstimatedBytes;

    /// <summary>Counts one occurrence of a pair, in a batch: <see cref="Flush"/> before reading the pairs.</summary>
    public void AddPair(ulong key)
    {
        _pending[_pendingCount++] = key;
        if (_pendingCount == _pending.Length)
        {
            Flush();
        }
    }

    /// <summary>Adds the pairs of the pending batch.</summary>
    public void Flush()
    {
        Pairs.AddEach(_pending.AsSpan(0, _pendingCount));
        _pendingCount = 0;
    }

    /// <summary>True when the tables are over the bound and <see cref="Enforce"/> would prune.</summary>
    public bool OverBound => MaxBytes > 0 && EstimatedBytes > MaxBytes;

    /// <summary>Prunes until the tables fit the bound; word indices change when it does (returns true then).</summary>
    public bool Enforce()
    {
        bool pruned = false;
        Flush();
        while (OverBound && Unigrams.Count > 0)
        {
            PruneThreshold++;
            var remap = new int[Unigrams.Count];
            int next = 0;
            for (int i = 0; i < remap.Length; i++)
            {
                remap[i] = Unigrams.GetCount(i) > PruneThreshold ? next++ : -1;
            }

            (int pairs, _) = Pairs.Prune(PruneThreshold, remap);
            (int words, _) = Unigrams.Prune(PruneThreshold);
            Prunings++;
            EntriesDropped += pairs + words;
            pruned = true;
        }

        return pruned;
    }

    /// <summary>
    /// Adds another thread's counts into these (their words by text, their pairs through the new indices); returns
    /// where each of its word indices went.
    /// </summary>
    public int[] Absorb(PhraseCounts other)
    {
        other.Flush();
        Flush();
        var remap = new int[other.Unigrams.Count];
        for (int i = 0; i < remap.Length; i++)
        {
            remap[i] = Unigrams.Add(other.Unigrams.GetWord(i), other.Unigrams.GetCount(i));
        }

        // In batches whose slots are loaded first, as counting adds them: the loads' cache misses overlap.
        PairTable pairs = other.Pairs;
        Span<ulong> keys = stackalloc ulong[256];
        Span<long> values = stackalloc long[256];
        int pending = 0;
        for (int slot = 0; slot < pairs.SlotCount; slot++)
        {
            if (pairs.IsUsed(slot))
            {
                ulong key = pairs.KeyAt(slot);
                keys[pending] = PairTable.Key(remap[PairTable.First(key)], remap[PairTable.Second(key)]);
                values[pending++] = pairs.ValueAt(slot);
                if (pending == keys.Length)
                {
                    Pairs.AddEach(keys, values);
                    pending = 0;
                }
            }
        }

        Pairs.AddEach(keys[..pending], values[..pending]);

        Words += other.Words;
        PruneThreshold = Math.Max(PruneThreshold, other.PruneThreshold);
        Prunings += other.Prunings;
        EntriesDropped += other.EntriesDropped;
        return remap;
    }

    /// <summary>A line for the log: the tables' size and what pruning did.</summary>
    public string Describe() =>
        $"{Words:N0} words, {Unigrams.Count:N0} distinct words and {DistinctPairs:N0} distinct bigrams" +
        (Prunings == 0 ? "" : $"; pruned {Prunings:N0} time(s) to stay under {MaxBytes / 1e6:F0} MB, dropping {EntriesDropped:N0} entries counted at most {PruneThreshold:N0} time(s) (rare counts are approximate)");
}

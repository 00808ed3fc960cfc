using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastSgns.Phrases;

/// <summary>
/// An open-addressing hash table from a pair of word indices (packed in 64 bits) to a 64-bit count: bigrams are
/// counted by the indices of their words in the unigram table, so a bigram costs 16 bytes and no string is built
/// per token. Linear probing over a power-of-two table, at most 70 % full; key and count sit side by side, so a
/// lookup in a table far larger than the cache costs one miss, not two.
/// </summary>
internal sealed class PairTable
{
    private const ulong Empty = ulong.MaxValue;

    private Entry[] _entries;
    private int _shift;

    public int Count { get; private set; }

    /// <summary>Bytes the table's arrays take.</summary>
    public long EstimatedBytes => (long)_entries.Length * (sizeof(ulong) + sizeof(long));

    /// <summary>Slots to iterate with <see cref="IsUsed"/>, <see cref="KeyAt"/> and <see cref="ValueAt"/>.</summary>
    public int SlotCount => _entries.Length;

    public PairTable(int capacity = 1024)
    {
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity + capacity / 2));
        (_entries, _shift) = Allocate(slots);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(int first, int second) => ((ulong)(uint)first << 32) | (uint)second;

    public static int First(ulong key) => (int)(key >> 32);

    public static int Second(ulong key) => (int)(uint)key;

    public bool IsUsed(int slot) => _entries[slot].Key != Empty;

    public ulong KeyAt(int slot) => _entries[slot].Key;

    public long ValueAt(int slot) => _entries[slot].Value;

    /// <summary>Adds <paramref name="value"/> to the pair's count, inserting it if new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key, long value)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int slot = Slot(key);
        while (true)
        {
            ref Entry entry = ref entries[slot];
            if (entry.Key == key)
            {
                entry.Value += value;
                return;
            }

            if (entry.Key == Empty)
            {
                entry.Key = key;
                entry.Value = value;
                break;
            }

            slot = (slot + 1) & mask;
        }

        if (++Count * 10L > entries.Length * 7L)
        {
            Rebuild(entries.Length * 2, long.MinValue, null);
        }
    }

    /// <summary>
    /// Adds 1 to each pair's count. The table is far larger than the cache and each add a miss, so the slots are
    /// first all read (independent loads the processor overlaps), then updated from the cache.
    /// </summary>
    /// <summary>Adds <paramref name="values"/>[i] to each <paramref name="keys"/>[i], their slots loaded first as <see cref="AddEach(ReadOnlySpan{ulong})"/> does.</summary>
    public void AddEach(ReadOnlySpan<ulong> keys, ReadOnlySpan<long> values)
    {
        Entry[] entries = _entries;
        ulong touched = 0;
        foreach (ulong key in keys)
        {
            touched += entries[Slot(key)].Key;
        }

        for (int i = 0; i < keys.Length; i++)
        {
            Add(keys[i], values[i]);
        }

        GC.KeepAlive(touched);
    }

    public void AddEach(ReadOnlySpan<ulong> keys)
    {
        Entry[] entries = _entries;
        ulong touched = 0;
        foreach (ulong key in keys)
        {
            touched += entries[Slot(key)].Key;
        }

        foreach (ulong key in keys)
        {
            Add(key, 1);
        }

        GC.KeepAlive(touched);
    }

    /// <summary>The pair's count, or 0 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Get(ulong key)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int slot = Slot(key);
        while (true)
        {
            ref Entry entry = ref entries[slot];
            if (entry.Key == key)
            {
                return entry.Value;
            }

            if (entry.Key == Empty)
            {
                return 0;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>
    /// Removes every pair counted at most <paramref name="maxCount"/> times or whose word <paramref name="remap"/>
    /// maps to −1, renumbers the rest through <paramref name="remap"/> and shrinks the table to fit; returns the pairs
    /// and the occurrences removed.
    /// </summary>
    public (int Pairs, long Occurrences) Prune(long maxCount, int[] remap)
    {
        int before = Count;
        long occurrences = 0;
        int kept = 0;
        foreach (Entry entry in _entries)
        {
            if (entry.Key == Empty)
            {
                continue;
            }

            if (Keeps(entry.Key, entry.Value, maxCount, remap))
            {
                kept++;
            }
            else
            {
                occurrences += entry.Value;
            }
        }

        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, kept * 2));
        Rebuild(slots, maxCount, remap);
        return (before - Count, occurrences);
    }

    private static bool Keeps(ulong key, long value, long maxCount, int[]? remap) =>
        value > maxCount && (remap is null || (remap[First(key)] >= 0 && remap[Second(key)] >= 0));

    private void Rebuild(int slots, long maxCount, int[]? remap)
    {
        Entry[] old = _entries;
        (_entries, _shift) = Allocate(slots);
        Count = 0;
        int mask = slots - 1;
        foreach (Entry entry in old)
        {
            ulong key = entry.Key;
            if (key == Empty || !Keeps(key, entry.Value, maxCount, remap))
            {
                continue;
            }

            if (remap is not null)
            {
                key = Key(remap[First(key)], remap[Second(key)]);
            }

            int slot = Slot(key);
            while (_entries[slot].Key != Empty)
            {
                slot = (slot + 1) & mask;
            }

            _entries[slot] = new Entry { Key = key, Value = entry.Value };
            Count++;
        }
    }

    private static (Entry[] Entries, int Shift) Allocate(int slots)
    {
        var entries = new Entry[slots];
        entries.AsSpan().Fill(new Entry { Key = Empty });
        return (entries, 64 - BitOperations.Log2((uint)slots));
    }

    private struct Entry
    {
        public ulong Key;
        public long Value;
    }

    /// <summary>Fibonacci hashing: the multiply spreads both words' indices over the high bits the slot is taken from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastSgns.Interop;

namespace FastSgns.Vocabulary;

/// <summary>
/// An open-addressing hash table from UTF-8 words to a dense index and a 64-bit count. Keys live in one byte arena,
/// so counting a corpus allocates only when the table or the arena grows, never per token. Tuned for a corpus's
/// Zipf shape, where most lookups are of short frequent words: a slot holds the word's first 8 bytes (its
/// key), a tag (hash bits and length) and its index, so a probe rejects a different word, and accepts a
/// word of up to 8 bytes, from that one slot, without touching the entries or the arena; longer words then compare
/// their bytes in the arena. The hash reads 8 bytes at a time.
/// </summary>
internal sealed partial class Utf8WordTable
{
    private Slot[] _slots;         // Index == 0 means empty
    private int _mask;
    private byte[] _arena;
    private int _arenaLength;
    private Entry[] _entries;
    private long[] _counts;

    public int Count { get; private set; }

    /// <summary>Bytes the table's arrays take, the figure a memory bound on counting compares against.</summary>
    public long EstimatedBytes =>
        (long)_slots.Length * Unsafe.SizeOf<Slot>() + (long)_entries.Length * (Unsafe.SizeOf<Entry>() + sizeof(long)) + _arena.Length;

    public Utf8WordTable(int capacity = 1024)
    {
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = HugePageArrays.Zeroed<Slot>(slots);
        _mask = slots - 1;
        _arena = new byte[Math.Max(256, capacity * 8)];
        _entries = new Entry[capacity];
        _counts = new long[capacity];
    }

    public long GetCount(int index) => _counts[index];

    public ReadOnlySpan<byte> GetWord(int index)
    {
        Entry entry = _entries[index];
        return _arena.AsSpan(entry.Offset, entry.Length);
    }

    /// <summary>Adds <paramref name="count"/> to the word's count, inserting it if new; returns its index.</summary>
    public int Add(ReadOnlySpan<byte> word, long count = 1)
    {
        ulong hash = Hash(word, out ulong key);
        int slot = Find(word, key, hash);
        int index = _slots[slot].Index - 1;
        if (index >= 0)
        {
            _counts[index] += count;
            return index;
        }

        index = Insert(word, count);
        _slots[slot] = new Slot(key, Tag(hash, word.Length), index + 1);
        if (Count * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        return index;
    }

    /// <summary>The word's index, or -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(ReadOnlySpan<byte> word)
    {
        ulong hash = Hash(word, out ulong key);
        return _slots[Find(word, key, hash)].Index - 1;
    }

    /// <summary>The word's slot, or the empty slot where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ReadOnlySpan<byte> word, ulong key, ulong hash)
    {
        uint tag = Tag(hash, word.Length);
        int slot = (int)hash & _mask;
        ref Slot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        while (true)
        {
            ref Slot probe = ref Unsafe.Add(ref slots, slot);
            if (probe.Index == 0
                || (probe.Key == key && probe.Tag == tag && (word.Length <= sizeof(ulong) || RestEquals(probe.Index - 1, word))))
            {
                return slot;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>
    /// Whether entry <paramref name="index"/>, whose first 8 bytes and length match, is <paramref name="word"/> (longer than
    /// 8 bytes). Up to 16 bytes, the last 8 bytes (overlapping the first 8) decide it with one load from the arena,
    /// without a call; longer words compare their bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RestEquals(int index, ReadOnlySpan<byte> word)
    {
        Entry entry = _entries[index];
        if (word.Length > 2 * sizeof(ulong))
        {
            return _arena.AsSpan(entry.Offset, entry.Length).SequenceEqual(word);
        }

        ref byte stored = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_arena), entry.Offset + entry.Length - sizeof(ulong));
        return Unsafe.ReadUnaligned<ulong>(ref stored)
            == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(word), word.Length - sizeof(ulong)));
    }

    /// <summary>
    /// 24 high hash bits (the slot comes from the low ones) and the length: equal tags mean equal lengths (below 255),
    /// so key and tag together identify a word of up to 8 bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tag(ulong hash, int length) => ((uint)(hash >> 32) & ~0xFFu) | (uint)Math.Min(length, 0xFF);

    /// <summary>
    /// Removes every word counted at most <paramref name="maxCount"/> times and shrinks the arrays to what is left
    /// (word2vec.c's ReduceVocab); returns the words and the occurrences removed. Indices change.
    /// </summary>
    public (int Words, long Occurrences) Prune(long maxCount)
    {
        int kept = 0;
        long occurrences = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_counts[i] > maxCount)
            {
                kept++;
            }
            else
            {
                occurrences += _counts[i];
            }
        }

        int capacity = Math.Max(1024, kept + kept / 2);
        var arena = new byte[Math.Max(256, (long)_arenaLength * kept / Math.Max(1, Count) * 3 / 2 + 256)];
        var entries = new Entry[capacity];
        var counts = new long[capacity];
        int next = 0;
        int arenaLength = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_counts[i] <= maxCount)
            {
                continue;
            }

            ReadOnlySpan<byte> word = GetWord(i);
            if (arenaLength + word.Length > arena.Length)
            {
                Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaLength + word.Length));
            }

            word.CopyTo(arena.AsSpan(arenaLength));
            (entries[next], counts[next]) = (new Entry(arenaLength, word.Length), _counts[i]);
            arenaLength += word.Length;
            next++;
        }

        int removed = Count - kept;
        (_arena, _arenaLength, _entries, _counts, Count) = (arena, arenaLength, entries, counts, kept);
        Rehash((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2)));
        return (removed, occurrences);
    }

    private int Insert(ReadOnlySpan<byte> word, long count)
    {
        if (Count == _entries.Length)
        {
            int grown = _entries.Length * 2;
            _entries = Grown(_entries, grown);
            _counts = Grown(_counts, grown);
        }

        if (_arenaLength + word.Length > _arena.Length)
        {
            long grown = Math.Max((long)_arena.Length * 2, (long)_arenaLength + word.Length);
            if (grown > Array.MaxLength)
            {
                throw new InvalidOperationException("The vocabulary's words exceed 2 GB of text; raise MinCount or set MaxVocab.");
            }

            Array.Resize(ref _arena, (int)grown);
        }

        word.CopyTo(_arena.AsSpan(_arenaLength));
        int index = Count++;
        _entries[index] = new Entry(_arenaLength, word.Length);
        _counts[index] = count;
        _arenaLength += word.Length;
        return index;
    }

    /// <summary>A copy of <paramref name="array"/> lengthened to <paramref name="length"/> (read at random by index, so in huge pages when large).</summary>
    private static T[] Grown<T>(T[] array, int length)
        where T : unmanaged
    {
        T[] grown = HugePageArrays.Zeroed<T>(length);
        array.CopyTo(grown, 0);
        return grown;
    }

    /// <summary>
    /// Rebuilds the slots for entries 0 .. Count − 1 (keys and hashes recomputed), in entry order and so to the same
    /// slots as inserting them one by one; a batch of entries is hashed and its slots asked for before any is placed,
    /// since the new array is cold. Compiled fully optimized: it runs a few times per table, each time one long loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private void Rehash(int slotCount)
    {
        _slots = HugePageArrays.Zeroed<Slot>(slotCount);
        _mask = slotCount - 1;
        Span<ulong> hashes = stackalloc ulong[Corpus.TokenBatch.Size];
        Span<ulong> keys = stackalloc ulong[Corpus.TokenBatch.Size];
        ref Slot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref byte arena = ref MemoryMarshal.GetArrayDataReference(_arena);
        for (int first = 0; first < Count; first += hashes.Length)
        {
            int size = Math.Min(hashes.Length, Count - first);
            for (int j = 0; j < size; j++)
            {
                Entry entry = _entries[first + j];
                hashes[j] = entry.Offset <= _arena.Length - 2 * sizeof(ulong)
                    ? HashWithSlack(ref Unsafe.Add(ref arena, entry.Offset), entry.Length, out keys[j])
                    : Hash(GetWord(first + j), out keys[j]);
                CachePrefetch.Line(ref Unsafe.Add(ref slots, (int)hashes[j] & _mask));
            }

            for (int j = 0; j < size; j++)
            {
                int slot = (int)hashes[j] & _mask;
                while (Unsafe.Add(ref slots, slot).Index != 0)
                {
                    slot = (slot + 1) & _mask;
                }

                Unsafe.Add(ref slots, slot) = new Slot(keys[j], Tag(hashes[j], _entries[first + j].Length), first + j + 1);
            }
        }
    }

    /// <summary>Where an entry's word lies in the arena; one 8-byte load serves a comparison.</summary>
    private readonly record struct Entry(int Offset, int Length);

    /// <summary>One slot: 16 bytes, four to a cache line. <see cref="Index"/> is the entry's index + 1, 0 when empty.</summary>
    private readonly record struct Slot(ulong Key, uint Tag, int Index);
}

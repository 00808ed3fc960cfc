using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastSgns.Vocabulary;

/// <summary>
/// An open-addressing hash table from UTF-8 words to a dense index and a 64-bit count. Keys live in one byte arena,
/// so counting a corpus allocates only when the table or the arena grows, never per token.
/// </summary>
internal sealed class Utf8WordTable
{
    private int[] _slots;          // index + 1 into the entry arrays; 0 means empty
    private int _mask;
    private byte[] _arena;
    private int _arenaLength;
    private int[] _offsets;
    private int[] _lengths;
    private uint[] _hashes;
    private long[] _counts;

    public int Count { get; private set; }

    /// <summary>Bytes the table's arrays take, the figure a memory bound on counting compares against.</summary>
    public long EstimatedBytes =>
        (long)_slots.Length * sizeof(int) + (long)_offsets.Length * (sizeof(int) * 3 + sizeof(long)) + _arena.Length;

    public Utf8WordTable(int capacity = 1024)
    {
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new int[slots];
        _mask = slots - 1;
        _arena = new byte[Math.Max(256, capacity * 8)];
        _offsets = new int[capacity];
        _lengths = new int[capacity];
        _hashes = new uint[capacity];
        _counts = new long[capacity];
    }

    public long GetCount(int index) => _counts[index];

    public ReadOnlySpan<byte> GetWord(int index) => _arena.AsSpan(_offsets[index], _lengths[index]);

    /// <summary>Adds <paramref name="count"/> to the word's count, inserting it if new; returns its index.</summary>
    public int Add(ReadOnlySpan<byte> word, long count = 1)
    {
        uint hash = Hash(word);
        int slot = (int)hash & _mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && GetWord(entry).SequenceEqual(word))
            {
                _counts[entry] += count;
                return entry;
            }

            slot = (slot + 1) & _mask;
        }

        int index = Insert(word, hash, count);
        _slots[slot] = index + 1;
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
        uint hash = Hash(word);
        int slot = (int)hash & _mask;
        ref int slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        while (true)
        {
            int entry = Unsafe.Add(ref slots, slot) - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_hashes[entry] == hash && GetWord(entry).SequenceEqual(word))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }
    }

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
        var offsets = new int[capacity];
        var lengths = new int[capacity];
        var hashes = new uint[capacity];
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
            (offsets[next], lengths[next], hashes[next], counts[next]) = (arenaLength, word.Length, _hashes[i], _counts[i]);
            arenaLength += word.Length;
            next++;
        }

        int removed = Count - kept;
        (_arena, _arenaLength, _offsets, _lengths, _hashes, _counts, Count) = (arena, arenaLength, offsets, lengths, hashes, counts, kept);
        Rehash((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2)));
        return (removed, occurrences);
    }

    private int Insert(ReadOnlySpan<byte> word, uint hash, long count)
    {
        if (Count == _offsets.Length)
        {
            int grown = _offsets.Length * 2;
            Array.Resize(ref _offsets, grown);
            Array.Resize(ref _lengths, grown);
            Array.Resize(ref _hashes, grown);
            Array.Resize(ref _counts, grown);
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
        _offsets[index] = _arenaLength;
        _lengths[index] = word.Length;
        _hashes[index] = hash;
        _counts[index] = count;
        _arenaLength += word.Length;
        return index;
    }

    private void Rehash(int slotCount)
    {
        _slots = new int[slotCount];
        _mask = slotCount - 1;
        for (int entry = 0; entry < Count; entry++)
        {
            int slot = (int)_hashes[entry] & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = entry + 1;
        }
    }

    /// <summary>FNV-1a with a final avalanche, so that linear probing on the low bits stays short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> word)
    {
        uint h = 2166136261;
        foreach (byte b in word)
        {
            h = (h ^ b) * 16777619;
        }

        h ^= h >> 16;
        h *= 0x7feb352d;
        h ^= h >> 15;
        return h;
    }
}

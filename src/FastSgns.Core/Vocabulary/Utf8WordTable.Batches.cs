using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastSgns.Corpus;
using FastSgns.Interop;

namespace FastSgns.Vocabulary;

/// <summary>
/// Lookups a batch at a time. A table of a large vocabulary does not fit the caches, so a lookup token by token waits
/// for memory once per rare word, one wait after another. Here every word of the batch is hashed and its slot asked
/// for first; the slots are then read in order, by which time most have arrived. Counting asks for the count the same
/// way before adding to it. A word longer than 8 bytes is settled by its entry and its bytes in the arena, two more
/// reads that depend on the slot: for those words the entry, then the arena line, are asked for in two further short
/// passes before the lookups (on wiki40m they were about 40 % of counting's stalls). Results, and the order new words
/// are inserted in, are those of token-by-token calls.
/// </summary>
internal sealed partial class Utf8WordTable
{
    /// <summary>
    /// Adds one to the count of every token of <paramref name="batch"/> (sentence ends skipped), inserting new words in
    /// batch order: the same table as <see cref="Add"/> on each token in turn.
    /// </summary>
    [SkipLocalsInit]
    public void AddBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch) => AddBatch(text, batch, default, stackalloc int[TokenBatch.Size]);

    /// <summary>
    /// <see cref="AddBatch(ReadOnlySpan{byte}, ReadOnlySpan{TokenSpan})"/>, also giving each token's entry index in
    /// <paramref name="indexes"/> (-1 for a sentence end): counting that encodes as it goes.
    /// </summary>
    public void AddBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch, Span<int> indexes) => AddBatch(text, batch, default, indexes);

    /// <summary>
    /// Adds every word of <paramref name="other"/> with its count, in <paramref name="other"/>'s index order: the table
    /// that <see cref="Add"/> word by word would give, with the lookups of 64 words overlapped.
    /// </summary>
    public void AddAll(Utf8WordTable other) => AddAll(other, default);

    /// <summary>
    /// <see cref="AddAll(Utf8WordTable)"/>; when <paramref name="indexes"/> is not empty (then at least
    /// <paramref name="other"/>.Count long), also where each of <paramref name="other"/>'s entries went in this table.
    /// </summary>
    [SkipLocalsInit]
    public void AddAll(Utf8WordTable other, Span<int> indexes)
    {
        Span<int> scratch = stackalloc int[TokenBatch.Size];
        Span<TokenSpan> batch = stackalloc TokenSpan[TokenBatch.Size];
        for (int first = 0; first < other.Count; first += batch.Length)
        {
            int size = Math.Min(batch.Length, other.Count - first);
            for (int j = 0; j < size; j++)
            {
                Entry entry = other._entries[first + j];
                batch[j] = new TokenSpan(entry.Offset, entry.Length);
            }

            Span<int> placed = indexes.IsEmpty ? scratch : indexes.Slice(first, size);
            if (!ContainsEmptyWord(batch[..size]))
            {
                AddBatch(other._arena, batch[..size], other._counts.AsSpan(first, size), placed);
                continue;
            }

            // An empty word would read as a sentence end in a batch: this batch goes word by word.
            for (int j = 0; j < size; j++)
            {
                placed[j] = Add(other.GetWord(first + j), other._counts[first + j]);
            }
        }
    }

    private static bool ContainsEmptyWord(ReadOnlySpan<TokenSpan> batch)
    {
        foreach (TokenSpan word in batch)
        {
            if (word.IsSentenceEnd)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The batch's words added with <paramref name="amounts"/> (one each when empty); their entries into <paramref name="indexes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private void AddBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch, ReadOnlySpan<long> amounts, Span<int> indexes)
    {
        Span<ulong> hashes = stackalloc ulong[TokenBatch.Size];
        Span<ulong> keys = stackalloc ulong[TokenBatch.Size];
        Span<int> longTokens = stackalloc int[TokenBatch.Size];
        int longWords = HashAndPrefetch(text, batch, hashes, keys, longTokens);
        PrefetchLongWords(batch, longTokens[..longWords], hashes, keys);
        for (int j = 0; j < batch.Length; j++)
        {
            TokenSpan token = batch[j];
            if (token.IsSentenceEnd)
            {
                indexes[j] = -1;
                continue;
            }

            ReadOnlySpan<byte> word = text.Slice(token.Start, token.Length);
            int slot = Find(word, keys[j], hashes[j]);
            int index = _slots[slot].Index - 1;
            if (index < 0)
            {
                // Inserted with 0; the pass below adds this token's 1 like every other's.
                index = Insert(word, 0);
                _slots[slot] = new Slot(keys[j], Tag(hashes[j], word.Length), index + 1);
                if (Count * 2 > _slots.Length)
                {
                    Rehash(_slots.Length * 2);
                }
            }
            else
            {
                CachePrefetch.Line(ref _counts[index]);
            }

            indexes[j] = index;
        }

        long[] counts = _counts;
        for (int j = 0; j < batch.Length; j++)
        {
            int index = indexes[j];
            if (index >= 0)
            {
                counts[index] += amounts.IsEmpty ? 1 : amounts[j];
            }
        }
    }

    /// <summary>
    /// <see cref="IndexOf"/> of every token of <paramref name="batch"/> into <paramref name="indexes"/> (-1 for an
    /// absent word; the entry of a sentence end is left as it was).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public void IndexOfBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch, Span<int> indexes)
    {
        Span<ulong> hashes = stackalloc ulong[TokenBatch.Size];
        Span<ulong> keys = stackalloc ulong[TokenBatch.Size];
        Span<int> longTokens = stackalloc int[TokenBatch.Size];
        int longWords = HashAndPrefetch(text, batch, hashes, keys, longTokens);
        PrefetchLongWords(batch, longTokens[..longWords], hashes, keys);
        for (int j = 0; j < batch.Length; j++)
        {
            TokenSpan token = batch[j];
            if (!token.IsSentenceEnd)
            {
                ReadOnlySpan<byte> word = text.Slice(token.Start, token.Length);
                indexes[j] = _slots[Find(word, keys[j], hashes[j])].Index - 1;
            }
        }
    }

    /// <summary>
    /// Hashes every token of the batch and asks for the cache line of its first slot; lists in
    /// <paramref name="longTokens"/> the positions of the tokens longer than 8 bytes and returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HashAndPrefetch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch, Span<ulong> hashes, Span<ulong> keys, Span<int> longTokens)
    {
        ref Slot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref int longTokensStart = ref MemoryMarshal.GetReference(longTokens);
        int mask = _mask;
        int longWords = 0;
        for (int j = 0; j < batch.Length; j++)
        {
            TokenSpan token = batch[j];
            if (!token.IsSentenceEnd)
            {
                ulong hash = token.Start <= text.Length - 2 * sizeof(ulong)
                    ? HashWithSlack(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), token.Start), token.Length, out keys[j])
                    : Hash(text.Slice(token.Start, token.Length), out keys[j]);
                hashes[j] = hash;
                CachePrefetch.Line(ref Unsafe.Add(ref slots, (int)hash & mask));
                // Written always, kept only for a long word: no branch on the length, which is as random as the words.
                Unsafe.Add(ref longTokensStart, longWords) = j;
                longWords += token.Length > sizeof(ulong) ? 1 : 0;
            }
        }

        return longWords;
    }

    /// <summary>
    /// For each listed long word whose first slot holds its key and tag (the common case: a known word, no probing),
    /// asks for its entry; then, the entries having had that pass's time to arrive, for the arena line that
    /// <see cref="RestEquals"/> will read. Only asks: a word found elsewhere or not at all costs one wasted request.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchLongWords(ReadOnlySpan<TokenSpan> batch, Span<int> longTokens, ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> keys)
    {
        ref Slot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        int mask = _mask;
        int found = 0;
        for (int k = 0; k < longTokens.Length; k++)
        {
            int j = longTokens[k];
            ref Slot home = ref Unsafe.Add(ref slots, (int)hashes[j] & mask);
            if (home.Index != 0 && home.Key == keys[j] && home.Tag == Tag(hashes[j], batch[j].Length))
            {
                CachePrefetch.Line(ref Unsafe.Add(ref entries, home.Index - 1));
                longTokens[found++] = home.Index - 1;
            }
        }

        ref byte arena = ref MemoryMarshal.GetArrayDataReference(_arena);
        for (int k = 0; k < found; k++)
        {
            Entry entry = Unsafe.Add(ref entries, longTokens[k]);
            CachePrefetch.Line(ref Unsafe.Add(ref arena, entry.Offset + entry.Length - sizeof(ulong)));
        }
    }
}

using FastSgns.Corpus;
using System.Text;

namespace FastSgns.Vocabulary;

/// <summary>
/// The training vocabulary: words sorted by descending count (ties by UTF-8 byte order, so it is deterministic),
/// their 64-bit counts, and a byte-keyed lookup used while encoding the corpus.
/// </summary>
internal sealed class Vocab
{
    private readonly Utf8WordTable _table;
    private readonly string[] _words;
    private readonly long[] _counts;

    public int Count => _words.Length;

    /// <summary>Total occurrences of the vocabulary's words in the corpus (word2vec's train_words).</summary>
    public long TotalCount { get; }

    public IReadOnlyList<string> Words => _words;

    public ReadOnlySpan<long> Counts => _counts;

    private Vocab(Utf8WordTable table, string[] words, long[] counts)
    {
        _table = table;
        _words = words;
        _counts = counts;
        long total = 0;
        foreach (long c in counts)
        {
            total += c;
        }

        TotalCount = total;
    }

    public string this[int index] => _words[index];

    public long GetCount(int index) => _counts[index];

    /// <summary>The word's bytes as the corpus spells them; unlike <see cref="this[int]"/> they need not be valid UTF-8.</summary>
    public ReadOnlySpan<byte> GetUtf8Word(int index) => _table.GetWord(index);

    /// <summary>The id of a UTF-8 word, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8Word) => _table.IndexOf(utf8Word);

    /// <summary>The ids of a batch's tokens (-1 for unknown words; sentence ends' entries untouched), lookups overlapped.</summary>
    public void IndexOfBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch, Span<int> ids) => _table.IndexOfBatch(text, batch, ids);

    /// <summary>The id of a word, or -1.</summary>
    public int IndexOf(string word)
    {
        int max = Encoding.UTF8.GetMaxByteCount(word.Length);
        Span<byte> buffer = max <= 512 ? stackalloc byte[512] : new byte[max];
        int length = Encoding.UTF8.GetBytes(word, buffer);
        return _table.IndexOf(buffer[..length]);
    }

    /// <summary>
    /// Keeps the words of <paramref name="counts"/> seen at least <paramref name="minCount"/> times, the
    /// <paramref name="maxVocab"/> most frequent of them when positive, ordered by descending count.
    /// </summary>
    public static Vocab Build(Utf8WordTable counts, long minCount, int maxVocab) => Ordered(counts, minCount, maxVocab, default);

    /// <summary>
    /// <see cref="Build(Utf8WordTable, long, int)"/>, also giving for each entry of <paramref name="counts"/> its id in
    /// the vocabulary (-1 for a word left out): what ids counted by entry index become.
    /// </summary>
    public static Vocab BuildIndexed(Utf8WordTable counts, long minCount, int maxVocab, out int[] idOfEntry)
    {
        idOfEntry = new int[counts.Count];
        idOfEntry.AsSpan().Fill(-1);
        return Ordered(counts, minCount, maxVocab, idOfEntry);
    }

    /// <summary>The vocabulary; each kept entry's id also into <paramref name="idOfEntry"/> unless it is empty.</summary>
    private static Vocab Ordered(Utf8WordTable counts, long minCount, int maxVocab, Span<int> idOfEntry)
    {
        int[] kept = CountOrder.Sorted(counts, minCount);
        int size = maxVocab > 0 ? Math.Min(maxVocab, kept.Length) : kept.Length;
        var table = new Utf8WordTable(size);
        for (int i = 0; i < size; i++)
        {
            table.Add(counts.GetWord(kept[i]), counts.GetCount(kept[i]));
            if (!idOfEntry.IsEmpty)
            {
                idOfEntry[kept[i]] = i;
            }
        }

        return FromOrdered(table);
    }

    /// <summary>
    /// The vocabulary whose ids are the indices of <paramref name="ordered"/>, taken as they are (a vocabulary saved
    /// earlier, already filtered and sorted); the table becomes the vocabulary's lookup.
    /// </summary>
    internal static Vocab FromOrdered(Utf8WordTable ordered)
    {
        var words = new string[ordered.Count];
        var counts = new long[ordered.Count];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = Encoding.UTF8.GetString(ordered.GetWord(i));
            counts[i] = ordered.GetCount(i);
        }

        return new Vocab(ordered, words, counts);
    }
}

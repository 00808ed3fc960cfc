using FastSgns.Vocabulary;

namespace FastSgns.Phrases;

/// <summary>
/// word2phrase and gensim keep words and bigrams in one table keyed by text, the bigram "a b" under "a_b". Where
/// words hold the delimiter (a second pass reads the first pass's "new_york"), keys collide: the word "new_york" and
/// the bigram "new york" share one count, and so do "new_york city" and "new york_city". Counting bigrams by word
/// indices keeps them apart, so this puts them back together for exactly those keys: every word holding the
/// delimiter, every bigram with such a word, and every plain bigram whose joined text is one of those keys.
/// </summary>
internal sealed class DelimiterCollisions
{
    private readonly Utf8WordTable _words;
    private readonly bool[] _hasDelimiter;
    private readonly byte _delimiter;
    private readonly Utf8WordTable _combined = new(1024);
    private readonly PairTable _plainPairs = new(64);
    private byte[] _scratch = new byte[256];

    private DelimiterCollisions(Utf8WordTable words, bool[] hasDelimiter, byte delimiter)
    {
        _words = words;
        _hasDelimiter = hasDelimiter;
        _delimiter = delimiter;
    }

    /// <summary>The collisions among <paramref name="counts"/>' keys, or null when no word holds the delimiter.</summary>
    public static DelimiterCollisions? Find(PhraseCounts counts, byte delimiter)
    {
        Utf8WordTable words = counts.Unigrams;
        bool[]? has = null;
        for (int i = 0; i < words.Count; i++)
        {
            if (words.GetWord(i).Contains(delimiter))
            {
                (has ??= new bool[words.Count])[i] = true;
            }
        }

        if (has is null)
        {
            return null;
        }

        var collisions = new DelimiterCollisions(words, has, delimiter);
        collisions.Combine(counts);
        return collisions;
    }

    private void Combine(PhraseCounts counts)
    {
        for (int i = 0; i < _words.Count; i++)
        {
            if (_hasDelimiter[i])
            {
                _combined.Add(_words.GetWord(i), _words.GetCount(i));
            }
        }

        foreach (PairTable pairs in counts.PairParts)
        {
            for (int slot = 0; slot < pairs.SlotCount; slot++)
            {
                if (pairs.IsUsed(slot) && HasDelimiter(pairs.KeyAt(slot)))
                {
                    _combined.Add(Joined(pairs.KeyAt(slot)), pairs.ValueAt(slot));
                }
            }
        }

        // Plain bigrams (no delimiter in either word) whose joined text is a key: split each key at each delimiter.
        int keys = _combined.Count;
        for (int k = 0; k < keys; k++)
        {
            byte[] key = _combined.GetWord(k).ToArray();
            for (int at = Array.IndexOf(key, _delimiter); at >= 0; at = Array.IndexOf(key, _delimiter, at + 1))
            {
                ReadOnlySpan<byte> first = key.AsSpan(0, at), second = key.AsSpan(at + 1);
                if (first.Contains(_delimiter) || second.Contains(_delimiter))
                {
                    continue;
                }

                int a = _words.IndexOf(first), b = _words.IndexOf(second);
                long count = a >= 0 && b >= 0 ? counts.PairCount(PairTable.Key(a, b)) : 0;
                if (count > 0)
                {
                    _combined.Add(key, count);
                    _plainPairs.Add(PairTable.Key(a, b), k + 1);
                }
            }
        }
    }

    /// <summary>The count of word <paramref name="index"/>'s key.</summary>
    public long WordCount(int index) =>
        _hasDelimiter[index] ? _combined.GetCount(_combined.IndexOf(_words.GetWord(index))) : _words.GetCount(index);

    /// <summary>The count of the bigram's key; <paramref name="count"/> is the bigram's own count.</summary>
    public long PairCount(ulong key, long count)
    {
        if (HasDelimiter(key))
        {
            return _combined.GetCount(_combined.IndexOf(Joined(key)));
        }

        long entry = _plainPairs.Get(key);
        return entry > 0 ? _combined.GetCount((int)entry - 1) : count;
    }

    private bool HasDelimiter(ulong key) => _hasDelimiter[PairTable.First(key)] || _hasDelimiter[PairTable.Second(key)];

    private ReadOnlySpan<byte> Joined(ulong key)
    {
        ReadOnlySpan<byte> a = _words.GetWord(PairTable.First(key)), b = _words.GetWord(PairTable.Second(key));
        int length = a.Length + 1 + b.Length;
        if (_scratch.Length < length)
        {
            _scratch = new byte[length * 2];
        }

        a.CopyTo(_scratch);
        _scratch[a.Length] = _delimiter;
        b.CopyTo(_scratch.AsSpan(a.Length + 1));
        return _scratch.AsSpan(0, length);
    }
}

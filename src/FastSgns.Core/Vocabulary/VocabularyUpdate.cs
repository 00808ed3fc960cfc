namespace FastSgns.Vocabulary;

/// <summary>
/// A model's vocabulary updated with the counts of new text, as gensim's <c>build_vocab(update=True)</c> does: every
/// word of the model keeps its id and gets the new text's occurrences added to its count; the new text's words the
/// model lacks are appended when they reach the minimum count in the new text alone (most frequent first, ties by
/// UTF-8 byte order, up to the vocabulary limit). The new text's own counts are kept apart, by id, for subsampling.
/// </summary>
internal sealed class VocabularyUpdate
{
    private VocabularyUpdate(Vocab vocabulary, long[] textCounts, int added)
    {
        Vocabulary = vocabulary;
        TextCounts = textCounts;
        Added = added;
    }

    /// <summary>The model's words (same ids, summed counts), then the new words.</summary>
    public Vocab Vocabulary { get; }

    /// <summary>Per id, how often the word occurs in the new text (0 for the model's words it lacks).</summary>
    public long[] TextCounts { get; }

    /// <summary>How many words were appended.</summary>
    public int Added { get; }

    /// <param name="model">The model's vocabulary.</param>
    /// <param name="text">Every distinct word of the new text with its count.</param>
    /// <param name="minCount">New words seen fewer times in the new text are left out.</param>
    /// <param name="maxVocab">When positive, words are appended only while the vocabulary is smaller than this.</param>
    public static VocabularyUpdate Apply(Vocab model, Utf8WordTable text, long minCount, int maxVocab)
    {
        var fresh = new List<int>();
        for (int i = 0; i < text.Count; i++)
        {
            if (text.GetCount(i) >= minCount && model.IndexOf(text.GetWord(i)) < 0)
            {
                fresh.Add(i);
            }
        }

        fresh.Sort((a, b) =>
        {
            int byCount = text.GetCount(b).CompareTo(text.GetCount(a));
            return byCount != 0 ? byCount : text.GetWord(a).SequenceCompareTo(text.GetWord(b));
        });
        int room = maxVocab > 0 ? Math.Max(0, maxVocab - model.Count) : int.MaxValue;
        int added = Math.Min(room, fresh.Count);

        var table = new Utf8WordTable(model.Count + added);
        var textCounts = new long[model.Count + added];
        for (int i = 0; i < model.Count; i++)
        {
            ReadOnlySpan<byte> word = model.GetUtf8Word(i);
            int t = text.IndexOf(word);
            textCounts[i] = t >= 0 ? text.GetCount(t) : 0;
            table.Add(word, checked(model.GetCount(i) + textCounts[i]));
        }

        for (int j = 0; j < added; j++)
        {
            textCounts[model.Count + j] = text.GetCount(fresh[j]);
            table.Add(text.GetWord(fresh[j]), textCounts[model.Count + j]);
        }

        return new VocabularyUpdate(Vocab.FromOrdered(table), textCounts, added);
    }
}

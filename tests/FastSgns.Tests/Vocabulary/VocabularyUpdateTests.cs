using System.Text;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Vocabulary;

/// <summary>The vocabulary update of continued training, as gensim's build_vocab(update=True).</summary>
public sealed class VocabularyUpdateTests
{
    private static Utf8WordTable Table(params (string Word, long Count)[] words)
    {
        var table = new Utf8WordTable();
        foreach (var (word, count) in words)
        {
            table.Add(Encoding.UTF8.GetBytes(word), count);
        }

        return table;
    }

    [Fact]
    public void OldWordsKeepTheirIds_WithCountsSummed_AndNewWordsAreAppendedByCount()
    {
        Vocab model = Vocab.Build(Table(("the", 100), ("cat", 40), ("mat", 10)), minCount: 1, maxVocab: 0);
        Utf8WordTable text = Table(("the", 7), ("dog", 5), ("zebra", 9), ("rare", 2), ("mat", 1));

        VocabularyUpdate update = VocabularyUpdate.Apply(model, text, minCount: 3, maxVocab: 0);

        Assert.Equal(["the", "cat", "mat", "zebra", "dog"], update.Vocabulary.Words);
        Assert.Equal([107L, 40, 11, 9, 5], update.Vocabulary.Counts.ToArray());
        Assert.Equal([7L, 0, 1, 9, 5], update.TextCounts);
        Assert.Equal(2, update.Added);
        // "mat" stays although the new text has it once, below min-count: the model's words are never dropped.
    }

    [Fact]
    public void MaxVocab_BoundsOnlyTheWordsAdded()
    {
        Vocab model = Vocab.Build(Table(("a", 5), ("b", 4), ("c", 3)), minCount: 1, maxVocab: 0);
        Utf8WordTable text = Table(("x", 9), ("y", 8), ("z", 7));

        Assert.Equal(["a", "b", "c", "x"], VocabularyUpdate.Apply(model, text, 1, maxVocab: 4).Vocabulary.Words);
        Assert.Equal(["a", "b", "c"], VocabularyUpdate.Apply(model, text, 1, maxVocab: 2).Vocabulary.Words);
    }
}

using FastSgns.Corpus;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Vocabulary;

/// <summary>
/// The batched lookups against token-by-token ones: the same table (words inserted in the same order, same counts)
/// with rehashes inside batches, and the same indices, on words of every length the hash and the slot treat apart.
/// </summary>
public sealed class WordTableBatchTests
{
    /// <summary>Random words (0xC3 and three letters, 1–25 bytes) separated by spaces, with a newline now and then.</summary>
    private static (byte[] Text, List<TokenSpan> Events) RandomText(Random random, int words)
    {
        var text = new List<byte>();
        var events = new List<TokenSpan>();
        for (int w = 0; w < words; w++)
        {
            int length = random.Next(1, 26);
            events.Add(new TokenSpan(text.Count, length));
            for (int i = 0; i < length; i++)
            {
                text.Add((byte)(random.Next(3) == 0 ? 0xC3 : 'a' + random.Next(3)));
            }

            if (random.Next(7) == 0)
            {
                events.Add(new TokenSpan(text.Count, 0));
                text.Add((byte)'\n');
            }
            else
            {
                text.Add((byte)' ');
            }
        }

        return ([.. text], events);
    }

    /// <summary>Hands the events over in batches of random sizes up to <see cref="TokenBatch.Size"/>.</summary>
    private static void InBatches(List<TokenSpan> events, Random random, Action<ReadOnlySpan<TokenSpan>, int> take)
    {
        TokenSpan[] all = [.. events];
        for (int at = 0; at < all.Length;)
        {
            int size = Math.Min(all.Length - at, random.Next(3) == 0 ? TokenBatch.Size : random.Next(1, TokenBatch.Size + 1));
            take(all.AsSpan(at, size), at);
            at += size;
        }
    }

    [Fact]
    public void AddBatch_BuildsTheTableThatAddBuilds_TokenByToken()
    {
        var random = new Random(11);
        (byte[] text, List<TokenSpan> events) = RandomText(random, 150_000);
        var reference = new Utf8WordTable(4);
        foreach (TokenSpan token in events.Where(e => !e.IsSentenceEnd))
        {
            reference.Add(text.AsSpan(token.Start, token.Length));
        }

        // Starting tiny, the batched table rehashes many times, inside batches too.
        var batched = new Utf8WordTable(4);
        InBatches(events, random, (batch, _) => batched.AddBatch(text, batch));

        Assert.True(reference.Count > 20_000, $"only {reference.Count} distinct words");
        Assert.Equal(reference.Count, batched.Count);
        for (int i = 0; i < reference.Count; i++)
        {
            Assert.True(reference.GetWord(i).SequenceEqual(batched.GetWord(i)), $"word {i} differs");
            Assert.Equal(reference.GetCount(i), batched.GetCount(i));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddAll_GivesTheTableThatAddingWordByWordGives(bool withEmptyWord)
    {
        var random = new Random(13);
        Utf8WordTable Counted(int words)
        {
            (byte[] text, List<TokenSpan> events) = RandomText(random, words);
            var table = new Utf8WordTable(4);
            foreach (TokenSpan token in events.Where(e => !e.IsSentenceEnd))
            {
                table.Add(text.AsSpan(token.Start, token.Length), random.Next(1, 4));
            }

            return table;
        }

        Utf8WordTable into = Counted(40_000), other = Counted(60_000);
        if (withEmptyWord)
        {
            other.Add([], 7);
        }

        var reference = new Utf8WordTable(4);
        var merged = new Utf8WordTable(4);
        foreach (Utf8WordTable table in new[] { into, other })
        {
            for (int i = 0; i < table.Count; i++)
            {
                reference.Add(table.GetWord(i), table.GetCount(i));
            }

            merged.AddAll(table);
        }

        Assert.True(other.Count > 20_000 && reference.Count > other.Count, $"{into.Count} + {other.Count} -> {reference.Count} words");
        Assert.Equal(reference.Count, merged.Count);
        for (int i = 0; i < reference.Count; i++)
        {
            Assert.True(reference.GetWord(i).SequenceEqual(merged.GetWord(i)), $"word {i} differs");
            Assert.Equal(reference.GetCount(i), merged.GetCount(i));
        }

        Assert.Equal(withEmptyWord ? 7 : -1, merged.IndexOf([]) is int e && e >= 0 ? merged.GetCount(e) : -1);
    }

    [Fact]
    public void IndexOfBatch_GivesIndexOf_AndLeavesSentenceEndsAlone()
    {
        var random = new Random(12);
        (byte[] known, List<TokenSpan> knownEvents) = RandomText(random, 30_000);
        var table = new Utf8WordTable(16);
        foreach (TokenSpan token in knownEvents.Where(e => !e.IsSentenceEnd))
        {
            table.Add(known.AsSpan(token.Start, token.Length));
        }

        // New text: some of its words are in the table, some are not.
        (byte[] text, List<TokenSpan> events) = RandomText(random, 60_000);
        int found = 0, absent = 0;
        InBatches(events, random, (batch, at) =>
        {
            Span<int> ids = stackalloc int[TokenBatch.Size];
            ids.Fill(12345);
            table.IndexOfBatch(text, batch, ids);
            for (int j = 0; j < batch.Length; j++)
            {
                int expected = batch[j].IsSentenceEnd ? 12345 : table.IndexOf(text.AsSpan(batch[j].Start, batch[j].Length));
                Assert.True(expected == ids[j], $"event {at + j}: {ids[j]}, expected {expected}");
                found += expected >= 0 && expected != 12345 ? 1 : 0;
                absent += expected == -1 ? 1 : 0;
            }
        });

        Assert.True(found > 10_000 && absent > 10_000, $"{found} found, {absent} absent");
    }
}

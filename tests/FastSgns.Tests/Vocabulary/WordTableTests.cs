using FastSgns.Vocabulary;

namespace FastSgns.Tests.Vocabulary;

/// <summary>The word table against a dictionary: words of every length the hash reads differently (0–3, 4–7, 8, 9–16, longer).</summary>
public sealed class WordTableTests
{
    private static byte[] RandomWord(Random random)
    {
        // Few letters, so words share prefixes and differ in one byte at any position, the overlapping tail loads included.
        var word = new byte[random.Next(0, 26)];
        for (int i = 0; i < word.Length; i++)
        {
            word[i] = (byte)(random.Next(3) == 0 ? 0xC3 : 'a' + random.Next(3));
        }

        return word;
    }

    [Fact]
    public void AddAndIndexOf_AgreeWithADictionary()
    {
        var random = new Random(5);
        var table = new Utf8WordTable(4);
        var reference = new Dictionary<string, (int Index, long Count)>();
        for (int i = 0; i < 200_000; i++)
        {
            byte[] word = RandomWord(random);
            string key = Convert.ToHexString(word);
            int index = table.Add(word, 2);
            reference[key] = reference.TryGetValue(key, out var seen)
                ? (Assert.IsType<int>(seen.Index == index ? index : -1), seen.Count + 2)
                : (index, 2);
        }

        Assert.Equal(reference.Count, table.Count);
        Assert.True(table.Count > 20_000, $"only {table.Count} distinct words");
        foreach ((string key, (int index, long count)) in reference)
        {
            byte[] word = Convert.FromHexString(key);
            Assert.Equal(index, table.IndexOf(word));
            Assert.Equal(count, table.GetCount(index));
            Assert.True(table.GetWord(index).SequenceEqual(word));
        }

        for (int i = 0; i < 20_000; i++)
        {
            byte[] word = RandomWord(random);
            Assert.Equal(reference.TryGetValue(Convert.ToHexString(word), out var seen) ? seen.Index : -1, table.IndexOf(word));
        }
    }

    [Fact]
    public void Hash_DependsOnEveryByte_AtEveryLength()
    {
        for (int length = 1; length <= 40; length++)
        {
            var word = new byte[length];
            Array.Fill(word, (byte)'x');
            ulong hash = Utf8WordTable.Hash(word, out _);
            for (int i = 0; i < length; i++)
            {
                word[i] = (byte)'y';
                Assert.NotEqual(hash, Utf8WordTable.Hash(word, out _));
                word[i] = (byte)'x';
            }

            Assert.NotEqual(hash, Utf8WordTable.Hash(word.AsSpan(0, length - 1), out _));
        }
    }

    [Fact]
    public void HashWithSlack_GivesHashsHashAndKey_WhateverFollowsTheWord()
    {
        var random = new Random(5);
        for (int length = 0; length <= 40; length++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                // The word, then at least 16 bytes of anything (the rest of a text buffer), which must not matter.
                var buffer = new byte[length + 16 + random.Next(8)];
                random.NextBytes(buffer);
                ulong expected = Utf8WordTable.Hash(buffer.AsSpan(0, length), out ulong expectedKey);

                ulong actual = Utf8WordTable.HashWithSlack(ref buffer[0], length, out ulong actualKey);

                Assert.Equal(expected, actual);
                Assert.Equal(expectedKey, actualKey);
            }
        }
    }
}

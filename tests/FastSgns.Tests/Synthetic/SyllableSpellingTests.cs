using System.Text;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Synthetic;

public sealed class SyllableSpellingTests
{
    private static string Spell(int rank)
    {
        var buffer = new byte[16 + SyllableSpelling.Slack];
        int length = SyllableSpelling.Write(buffer, rank);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private static string SpellSlowly(int rank)
    {
        var buffer = new byte[16];
        int length = SyllableSpelling.WriteSlowly(buffer, rank);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    [Theory]
    [InlineData(0, "ba")]
    [InlineData(1, "be")]
    [InlineData(5, "ca")]
    [InlineData(99, "zu")]
    [InlineData(100, "babe")]
    [InlineData(101, "bebe")]
    [InlineData(10_000, "bababe")]
    [InlineData(1_000_000, "babababe")]
    [InlineData(100_000_000, "bababababe")]
    public void Write_SpellsBase100DigitsLeastSignificantFirst_ForKnownRanks(int rank, string word)
    {
        Assert.Equal(word, Spell(rank));
    }

    [Fact]
    public void Write_MatchesTheSyllableLoop_ForEveryRankBelowTwoMillion()
    {
        var fast = new byte[16 + SyllableSpelling.Slack];
        var slow = new byte[16];
        for (int rank = 0; rank < 2_000_000; rank++)
        {
            int length = SyllableSpelling.Write(fast, rank);
            int expected = SyllableSpelling.WriteSlowly(slow, rank);
            if (length != expected || !fast.AsSpan(0, length).SequenceEqual(slow.AsSpan(0, expected)))
            {
                Assert.Fail($"rank {rank}: {Encoding.ASCII.GetString(fast, 0, length)} instead of {SpellSlowly(rank)}");
            }
        }
    }

    [Theory]
    [InlineData(9_999_999)]
    [InlineData(10_000_000)]
    [InlineData(99_999_999)]
    [InlineData(100_000_000)]
    [InlineData(100_000_001)]
    [InlineData(1_234_567_891)]
    [InlineData(int.MaxValue)]
    public void Write_MatchesTheSyllableLoop_AroundTheLengthSteps(int rank)
    {
        Assert.Equal(SpellSlowly(rank), Spell(rank));
        Assert.Equal(SpellSlowly(rank).Length, SyllableSpelling.Letters(rank));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 4)]
    [InlineData(1_500_000, 8)]
    [InlineData(int.MaxValue, 10)]
    public void MaxLetters_IsTheLengthOfTheLastRank(int vocabulary, int letters)
    {
        Assert.Equal(letters, SyllableSpelling.MaxLetters(vocabulary));
    }
}

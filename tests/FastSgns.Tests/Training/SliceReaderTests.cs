using FastSgns.Ids;
using FastSgns.Randomness;
using FastSgns.Sampling;
using FastSgns.Training;

namespace FastSgns.Tests.Training;

public sealed class SliceReaderTests
{
    [Theory]
    [InlineData(1_000)]     // a small table: no prefetch
    [InlineData(600_000)]   // past L2: the reader prefetches thresholds ahead
    public void ReadsTheSentencesAndKeepsWhatTheSubsamplerKeeps_WithTheSameDraws(int vocabulary)
    {
        long[] counts = [.. Enumerable.Range(1, vocabulary).Select(rank => Math.Max(5, 10_000_000L / rank))];
        var subsampler = new Subsampler(counts, counts.Sum(), 1e-4);
        Assert.Equal(vocabulary >= 1 << 19, subsampler.PrefetchPays);
        var ids = new List<int>();
        var shape = new Lcg(9);
        for (int s = 0; s < 400; s++)
        {
            int length = shape.NextBelow(60);
            for (int w = 0; w < length; w++)
            {
                // Frequent and rare words mixed, so some are always kept and some are drawn for.
                ids.Add(shape.NextBelow(4) == 0 ? shape.NextBelow(20) : shape.NextBelow(vocabulary));
            }

            ids.Add(EncodedCorpus.SentenceEnd);
        }

        using var corpus = new EncodedCorpus([.. ids], ids.Count(id => id != EncodedCorpus.SentenceEnd));
        var reader = new SliceReader(corpus, 0, ids.Count);
        var random = new Lcg(3);
        var expectedRandom = new Lcg(3);
        var sentence = new int[Sentence.MaxLength];
        int at = 0;
        while (!reader.AtEnd)
        {
            int kept = reader.ReadSentence(sentence, subsampler, ref random, out int read);

            var expected = new List<int>();
            int words = 0;
            for (; ids[at] != EncodedCorpus.SentenceEnd; at++, words++)
            {
                if (subsampler.Keep(ids[at], ref expectedRandom))
                {
                    expected.Add(ids[at]);
                }
            }

            at++;
            Assert.Equal(words, read);
            Assert.Equal(expected, sentence[..kept]);
            Assert.Equal(expectedRandom.State, random.State);
        }

        Assert.Equal(ids.Count, at);
    }

    [Fact]
    public void Prefetch_IgnoresIdsOutsideTheVocabulary()
    {
        var subsampler = new Subsampler([10, 5], 15, 1e-3);

        // Without the range check these would index past the table and throw.
        subsampler.Prefetch(EncodedCorpus.SentenceEnd);
        subsampler.Prefetch(2);
        subsampler.Prefetch(int.MaxValue);
        subsampler.Prefetch(1);
    }
}

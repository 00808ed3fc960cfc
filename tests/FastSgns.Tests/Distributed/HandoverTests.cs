using FastSgns.Distributed;
using FastSgns.Ids;
using FastSgns.Randomness;
using FastSgns.Sampling;
using FastSgns.Training;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// Evening out the ranks' ends: which busy rank gives to which idle one (every rank computes it from the same states),
/// and the cut itself, made while a worker reads on: every id of the last epoch is read exactly once, by the worker
/// before the cut or by the taker after it, however the two threads interleave.
/// </summary>
public sealed class HandoverTests
{
    private const int Fields = 6;

    private static long[] States(params (bool Finished, long Left)[] ranks)
    {
        var states = new long[ranks.Length * Fields];
        for (int r = 0; r < ranks.Length; r++)
        {
            states[r * Fields + 1] = ranks[r].Finished ? 1 : 0;
            states[r * Fields + 5] = ranks[r].Left;
        }

        return states;
    }

    [Fact]
    public void Pairs_IdleRanksInOrder_WithTheBusiestRanksFirst()
    {
        long[] states = States((true, 0), (false, 500_000), (false, 900_000), (true, 0), (false, 50_000));
        Assert.Equal([(2, 0), (1, 3)], ModelSynchroniser.HandoverPairs(states, 5, Fields, minimum: 100_000));
    }

    [Fact]
    public void Pairs_None_WhenNobodyIsIdle_OrTheBusyHaveTooLittleLeft()
    {
        Assert.Empty(ModelSynchroniser.HandoverPairs(States((false, 500_000), (false, 900_000)), 2, Fields, minimum: 100_000));
        Assert.Empty(ModelSynchroniser.HandoverPairs(States((true, 0), (false, 99_999)), 2, Fields, minimum: 100_000));
        Assert.Empty(ModelSynchroniser.HandoverPairs(States((true, 0), (true, 0)), 2, Fields, minimum: 0));
    }

    [Fact]
    public void Share_EndsBothTogether_AtTheirRates_HalfWhenARateIsUnknown()
    {
        // A giver at 1 M words/s with R left hands a taker at 3 M/s three quarters: both then need R/4 / 1 M = 3R/4 / 3 M.
        Assert.Equal(0.75, ModelSynchroniser.Share(1e6, 3e6), 9);
        Assert.Equal(0.5, ModelSynchroniser.Share(2e6, 2e6), 9);
        Assert.Equal(0.5, ModelSynchroniser.Share(0, 2e6), 9);
        Assert.Equal(0.9, ModelSynchroniser.Share(1, 1e6), 9);
        Assert.Equal(0.1, ModelSynchroniser.Share(1e6, 1), 9);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    public void Cut_WhileTheWorkerReads_EveryIdOfTheLastEpochReadExactlyOnce(int epochs, int startEpoch)
    {
        const int Length = 60_000;
        int[] ids = Corpus(Length, seed: 7);
        using var corpus = new EncodedCorpus(ids, ids.Count(i => i >= 0));
        var subsampler = new Subsampler(new long[50], corpus.WordCount, sample: 0);
        int cuts = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            long start = trial % 7 * 13, end = Length - trial % 5 * 17;
            var tail = new WorkerTail(start, end, epochs - 1, startEpoch, start, end);
            var read = new int[Length];
            // The cut is made while the worker reads on, after 0 to 299 of its ~400 reads an epoch (lines of ~170 ids on average).
            // The worker waits there until the cut begins, then reads on at full speed: the two race from the same moment.
            // One trial in four cuts close to the worker (nearly all it has left), where the races are.
            using var reading = new ManualResetEventSlim();
            using var cutting = new ManualResetEventSlim();
            int after = trial * 7919 % 300;
            var worker = new Thread(() => Read(corpus, tail, subsampler, start, end, startEpoch, epochs, read, reading, cutting, after));
            worker.Start();
            reading.Wait();
            cutting.Set();
            (long from, long to) = tail.TryCut(corpus, share: trial % 4 == 0 ? 0.9999 : 0.5, minimum: 1, margin: trial % 3 == 0 ? 0 : 64);
            worker.Join();
            cuts += to > from ? 1 : 0;
            for (long i = from; i < to; i++)
            {
                read[i]++;
            }

            int wrong = Array.FindIndex(read, (int)start, (int)(end - start), n => n != 1);
            Assert.True(wrong < 0, $"trial {trial}: id {wrong} of [{start}, {end}) read {(wrong < 0 ? 1 : read[wrong])} times in the last epoch (cut [{from}, {to}))");
        }

        // The worker is mid-slice at every cut, so nearly all must take (a cut is withdrawn only if the worker passed it
        // while it was being made, which the cuts close to it make possible but no timing here makes certain).
        Assert.True(cuts >= 150, $"only {cuts} of 300 trials cut anything");
    }

    /// <summary>A worker's loop as <see cref="Worker"/> runs it: publish, stop at the cut, read a sentence; counts the last epoch's ids.</summary>
    private static void Read(EncodedCorpus corpus, WorkerTail tail, Subsampler subsampler, long start, long end, int fromEpoch, int epochs, int[] read,
        ManualResetEventSlim reading, ManualResetEventSlim cutting, int signalAfter)
    {
        var sentence = new int[Sentence.MaxLength];
        var random = new Lcg(1);
        int sentences = 0;
        for (int epoch = fromEpoch; epoch < epochs; epoch++)
        {
            var reader = new SliceReader(corpus, start, end);
            while (!reader.AtEnd)
            {
                if (tail.AtCut(epoch, reader.Position))
                {
                    break;
                }

                if (sentences++ == signalAfter)
                {
                    reading.Set();
                    while (!cutting.IsSet)
                    {
                        Thread.SpinWait(1);
                    }
                }

                long before = reader.Position;
                reader.ReadSentence(sentence, subsampler, ref random, out _);
                for (long i = before; i < reader.Position && epoch == epochs - 1; i++)
                {
                    read[i]++;
                }
            }
        }

        tail.Finish();
        reading.Set();
    }

    /// <summary>
    /// Lines of 1 to 40 of <paramref name="words"/> words, one in eight of 900 to 1,500 (longer than a sentence buffer
    /// holds), each ended by a marker; WorkerBalanceTests' corpus too.
    /// </summary>
    internal static int[] Corpus(int length, int seed, int words = 50)
    {
        var random = new Random(seed);
        var ids = new int[length];
        int left = 0;
        for (int i = 0; i < length; i++)
        {
            if (left == 0)
            {
                left = random.Next(8) == 0 ? random.Next(900, 1500) : random.Next(1, 40);
                ids[i] = EncodedCorpus.SentenceEnd;
                continue;
            }

            ids[i] = random.Next(words);
            left--;
        }

        ids[^1] = EncodedCorpus.SentenceEnd;
        return ids;
    }
}

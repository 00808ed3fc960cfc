using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Randomness;
using FastSgns.Sampling;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// A checkpoint taken after a handover resumes exactly: a giver rank's two workers have their last epoch cut, the taker
/// rank trains the cut-off ids on two workers, the job is interrupted with every worker somewhere (before or at the cut,
/// early or late in the received ids), the checkpoint is written and read back, and the resumed job (the givers from
/// their positions up to their cuts, the taker from what the checkpoint says it had still to train, sent again by the
/// rank that holds those ids) trains every id of the last epoch exactly once across both runs. Each id's value is its
/// position in the job's corpus, so the ids a worker reads say which of the job's ids it trained, through every mapping
/// (shard offset, the received batch's pieces and the markers added between them). Deterministic: the workers take
/// turns on one thread (the race of a cut with a reading worker is <see cref="HandoverTests"/>' subject).
/// </summary>
public sealed class HandoverCheckpointTests
{
    /// <summary>Rank 0 (the taker) holds the job's ids [0, Offset), rank 1 (the giver) [Offset, Offset + Length).</summary>
    private const int Offset = 1_000;
    private const int Length = 24_000;
    private const int Threads = 2;

    /// <param name="epochs">Epochs of the job (the cut is in the last).</param>
    /// <param name="before">Sentences each giver worker reads before the cut.</param>
    /// <param name="taken">Sentences each taker worker reads of the received ids before the interruption (−1: all of them).</param>
    /// <param name="after">Sentences each giver worker reads after the cut before the interruption (−1: up to its cut).</param>
    [Theory]
    [InlineData(1, 10, 0, 0)]
    [InlineData(1, 10, 5, 3)]
    [InlineData(1, 40, 17, -1)]
    [InlineData(1, 0, -1, 8)]
    [InlineData(1, 60, -1, -1)]
    [InlineData(2, 30, 9, 50)]
    [InlineData(2, 100, 1, 2)]
    public void InterruptedAfterAHandover_TheResumedJobTrainsEveryIdOfTheLastEpochExactlyOnce(int epochs, int before, int taken, int after)
    {
        using var temp = new TempDirectory();
        int[] ids = Corpus(seed: epochs * 1000 + before + taken + after);
        using var corpus = new EncodedCorpus(ids, ids.Count(i => i >= 0));
        var subsampler = new Subsampler(new long[Offset + Length], corpus.WordCount, sample: 0);
        var trained = new int[Offset + Length];
        long[] slices = SgnsTrainer.SliceBounds(corpus, Threads);

        // The giver's workers read, then each has the end of its last epoch cut off (about half of what it has left).
        var givers = new Reader[Threads];
        for (int t = 0; t < Threads; t++)
        {
            givers[t] = new Reader(corpus, slices[t], slices[t + 1], epochs, trained,
                new WorkerTail(slices[t], slices[t + 1], epochs - 1, 0, slices[t], slices[t + 1]));
            givers[t].Read(before, subsampler);
        }

        var pieces = new List<(long From, long To)>();
        foreach (Reader giver in givers)
        {
            (long from, long to) = giver.Tail!.TryCut(corpus, share: 0.5, minimum: 1, margin: 0);
            if (to > from)
            {
                pieces.Add((from, to));
            }
        }

        Assert.NotEmpty(pieces);
        HandoverBatch batch = HandoverBatch.Unpack(HandoverBatch.Pack(corpus, pieces, Offset));
        long[] received = SgnsTrainer.SliceBounds(batch.Corpus, Threads);
        var takers = new Reader[Threads];
        for (int t = 0; t < Threads; t++)
        {
            takers[t] = new Reader(batch.Corpus, received[t], received[t + 1], 1, trained, tail: null);
            takers[t].Read(taken, subsampler);
        }

        foreach (Reader giver in givers)
        {
            giver.Read(after, subsampler);
        }

        // The checkpoint, as the synchroniser gathers it: the taker's own (finished) workers, the giver's, their ends, the moved ids left.
        WorkerState[] workers = [Finished(epochs, Offset / 2), Finished(epochs, Offset), .. givers.Select(g => g.State(Offset))];
        long[] ends = [Offset / 2, Offset, .. givers.Select(g => Offset + g.Tail!.LastEnd)];
        MovedWork[] moved = [.. takers.Where(r => !r.Done).Select(r => new MovedWork(0, batch.Left(r.Position, r.End), r.State(0)))
            .Where(m => m.Left.Length > 0)];
        string path = temp.File("job.checkpoint");
        long[] jobSlices = [0, Offset / 2, Offset, Offset + slices[1], Offset + Length];
        TrainingCheckpoint loaded = SaveAndLoad(path, workers, ends, moved, new ResumeBounds(jobSlices, epochs, long.MaxValue, Shards: 2));

        Assert.Equal(ends, loaded.Ends);
        Assert.Equal(moved.Length, loaded.Moved.Length);

        // The resumed job: the giver's workers from their positions to their cuts, the moved ids sent again by the giver.
        for (int t = 0; t < Threads; t++)
        {
            WorkerState w = loaded.Workers[Threads + t];
            long start = slices[t], end = slices[t + 1];
            var tail = new WorkerTail(start, end, epochs - 1, w.Epoch, w.Position - Offset, loaded.Ends![Threads + t] - Offset);
            var giver = new Reader(corpus, start, end, epochs, trained, tail, w.Epoch, w.Position - Offset);
            giver.Read(-1, subsampler);
        }

        foreach (MovedWork m in loaded.Moved)
        {
            Assert.Equal(0, m.Taker);
            HandoverBatch again = HandoverBatch.Unpack(HandoverBatch.Pack(corpus, [.. m.Left.Select(r => (r.From - Offset, r.To - Offset))], Offset));
            new Reader(again.Corpus, 0, again.Corpus.Length, 1, trained, tail: null).Read(-1, subsampler);
        }

        for (int id = Offset; id < Offset + Length; id++)
        {
            bool word = ids[id - Offset] >= 0;
            Assert.True(trained[id] == (word ? 1 : 0), $"id {id} of the job trained {trained[id]} times in the last epoch (cuts {string.Join(", ", pieces)})");
        }
    }

    private static WorkerState Finished(int epochs, long end) => new(epochs, end, 0, 1, 0, 0);

    private static TrainingCheckpoint SaveAndLoad(string path, WorkerState[] workers, long[] ends, MovedWork[] moved, ResumeBounds bounds)
    {
        var table = new Utf8WordTable();
        table.Add("a"u8, 2);
        table.Add("b"u8, 1);
        Vocab vocabulary = Vocab.Build(table, minCount: 1, maxVocab: 0);
        using var input = new EmbeddingMatrix(2, 4);
        using var output = new EmbeddingMatrix(2, 4);
        KeyValuePair<string, string>[] identity = [new("Ranks", "2")];
        new TrainingCheckpoint { Identity = identity, WordsProcessed = 0, Workers = workers, Ends = ends, Moved = moved }.Save(path, vocabulary, input, output);
        return TrainingCheckpoint.Load(path, identity, bounds, input, output);
    }

    /// <summary>A worker's reading as <see cref="Worker"/> does it, a given number of sentences at a time; counts the ids of the last epoch it reads.</summary>
    private sealed class Reader(EncodedCorpus corpus, long start, long end, int epochs, int[] trained, WorkerTail? tail, int epoch = 0, long from = -1)
    {
        private Lcg _random = new(1);
        private int _epoch = epoch;

        public long Position { get; private set; } = from < 0 ? start : from;

        public long End => end;

        public WorkerTail? Tail => tail;

        public bool Done { get; private set; } = epoch >= epochs;

        /// <summary>Reads <paramref name="sentences"/> sentences (−1: to its end), stopping at its cut.</summary>
        public void Read(int sentences, Subsampler subsampler)
        {
            var sentence = new int[Sentence.MaxLength];
            for (int n = 0; !Done && (sentences < 0 || n < sentences); n++)
            {
                if (Position >= end || (tail?.AtCut(_epoch, Position) ?? false))
                {
                    if (++_epoch == epochs || Position < end)
                    {
                        Done = true;
                        tail?.Finish();
                        break;
                    }

                    Position = start;
                    n--;
                    continue;
                }

                var reader = new SliceReader(corpus, Position, end);
                reader.ReadSentence(sentence, subsampler, ref _random, out _);
                for (long i = Position; i < reader.Position && _epoch == epochs - 1; i++)
                {
                    int id = corpus.Window(i, 1)[0];
                    if (id >= 0)
                    {
                        trained[id]++;
                    }
                }

                Position = reader.Position;
            }
        }

        /// <summary>The state a parked worker records, positions in the job's corpus.</summary>
        public WorkerState State(long jobOffset) =>
            Done ? new WorkerState(epochs, jobOffset + end, 0, 1, 0, 0) : new WorkerState(_epoch, jobOffset + Position, 0, 1, 0, 0);
    }

    /// <summary>Lines of 1 to 40 ids, one in eight of 900 to 1,500 (longer than a sentence), each ended by a marker; each id is its position in the job's corpus.</summary>
    private static int[] Corpus(int seed)
    {
        var random = new Random(seed);
        var ids = new int[Length];
        int left = 0;
        for (int i = 0; i < Length; i++)
        {
            if (left == 0)
            {
                left = random.Next(8) == 0 ? random.Next(900, 1500) : random.Next(1, 40);
                ids[i] = EncodedCorpus.SentenceEnd;
                continue;
            }

            ids[i] = Offset + i;
            left--;
        }

        ids[^1] = EncodedCorpus.SentenceEnd;
        return ids;
    }
}

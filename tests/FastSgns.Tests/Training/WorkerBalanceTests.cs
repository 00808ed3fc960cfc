using System.Diagnostics;
using System.Text;
using FastSgns.Checkpoints;
using FastSgns.Ids;
using FastSgns.Tests.Distributed;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Training;

/// <summary>
/// Evening out the workers of one process (<see cref="WorkerBalance"/>): worker 0's thread is made slow (a test hook
/// holds it to a quarter of worker 1's pace), so worker 1 finishes its slice early and takes half of what worker 0 has left, again
/// and again. Every id of every epoch is counted as it is read (the hook sees each sentence's ids), so the tests see
/// each one trained exactly once — also across an interruption before, during and after the moves, through a real
/// checkpoint file and <c>Resume</c> — and the shared word count (which drives the learning rate) end at epochs ×
/// corpus words. The interruptions are set off by what the workers read, not by time, so each lands where it says.
/// </summary>
public sealed class WorkerBalanceTests
{
    private const int Length = 120_000;
    private const int Words = 60;
    private const int Epochs = 2;

    private static readonly int[] s_ids = HandoverTests.Corpus(Length, seed: 7, Words);

    [Theory]
    [InlineData(TrainingModel.SkipGram, TrainingMode.Batched, false)]
    [InlineData(TrainingModel.SkipGram, TrainingMode.Pairs, false)]
    [InlineData(TrainingModel.Cbow, TrainingMode.Pairs, false)]
    [InlineData(TrainingModel.SkipGram, TrainingMode.Pairs, true)]
    [InlineData(TrainingModel.SkipGram, TrainingMode.Batched, true)]
    public void ASlowWorker_HasItsRestTakenInHalves_AndEveryIdIsTrainedOncePerEpoch(TrainingModel model, TrainingMode mode, bool hierarchicalSoftmax)
    {
        using var run = new Run(Options() with { Model = model, Mode = mode, HierarchicalSoftmax = hierarchicalSoftmax, Negative = hierarchicalSoftmax ? 0 : 5 });

        using (run.Trainer(plan: null).Train(run.Corpus))
        {
        }

        Assert.True(run.Log.Count(line => line.StartsWith("train: worker 1 took ", StringComparison.Ordinal) && line.Contains(" ids from worker 0 (ids ")) >= 2,
            $"expected at least two moves; log:\n{string.Join("\n", run.Log)}");
        Assert.Contains(run.Log, line => line.StartsWith("train: workers ended at ", StringComparison.Ordinal));
        run.AssertEveryIdOnce();
    }

    public enum Point
    {
        /// <summary>Worker 1 is still in its own slice: nothing has moved.</summary>
        BeforeAnyMove,

        /// <summary>Worker 1 has read a few sentences of the ids it took: the checkpoint records the rest of them.</summary>
        DuringAMove,

        /// <summary>Worker 1 has trained all the ids of its first move and just took more.</summary>
        AfterAMove,
    }

    [Theory]
    [InlineData(Point.BeforeAnyMove, TrainingMode.Batched)]
    [InlineData(Point.DuringAMove, TrainingMode.Batched)]
    [InlineData(Point.DuringAMove, TrainingMode.Pairs)]
    [InlineData(Point.AfterAMove, TrainingMode.Batched)]
    public void Interrupted_TheResumedRunTrainsEveryIdOncePerEpoch(Point point, TrainingMode mode)
    {
        using var temp = new TempDirectory();
        string path = temp.File("run.checkpoint");
        using var run = new Run(Options() with { Mode = mode });
        int movedSentences = 0;
        run.InterruptWhen = (worker, epoch, from, _) => point switch
        {
            Point.BeforeAnyMove => worker == 1 && epoch == Epochs - 1,
            Point.DuringAMove => worker == 1 && epoch == Epochs - 1 && from < run.SlowEnd && Interlocked.Increment(ref movedSentences) == 3,
            _ => false,
        };
        run.InterruptOnMove = point == Point.AfterAMove ? 2 : 0;

        Assert.Throws<TrainingInterruptedException>(() => run.Trainer(new CheckpointPlan { Path = path }).Train(run.Corpus, cancellation: run.Cancellation));
        List<string> first = [.. run.Log];
        run.Log.Clear();
        using (run.Trainer(new CheckpointPlan { Path = path, Resume = true }).Train(run.Corpus))
        {
        }

        run.AssertEveryIdOnce();
        int moves = first.Count(line => line.StartsWith("train: worker 1 took ", StringComparison.Ordinal));
        Assert.True(moves == point switch { Point.BeforeAnyMove => 0, Point.DuringAMove => 1, _ => 2 }, $"{moves} moves before the interruption");
        if (point != Point.BeforeAnyMove)
        {
            // The moved ids not yet trained went through the checkpoint to a worker of the resumed run.
            Assert.Contains(run.Log, line => line.StartsWith("train: worker ", StringComparison.Ordinal) && line.Contains(" moved before the checkpoint"));
        }
    }

    private static TrainingOptions Options() => new()
    {
        Dim = 8, Epochs = Epochs, Threads = 2, Seed = 3, Kernel = "scalar", Sample = 0, MinCount = 1, MoveMinimumIds = 2_000,
    };

    /// <summary>A run's corpus, vocabulary and the count of every id read in every epoch, over one or more trainers.</summary>
    private sealed class Run : IDisposable
    {
        private readonly TrainingOptions _options;
        private readonly int[] _trained = new int[Epochs * Length];
        private readonly long[] _read = new long[2];
        private readonly Vocab _vocabulary;
        private readonly CancellationTokenSource _cancel = new();
        private SgnsTrainer? _last;

        public Run(TrainingOptions options)
        {
            Corpus = new EncodedCorpus(s_ids, s_ids.Count(id => id >= 0));
            SlowEnd = SgnsTrainer.SliceBounds(Corpus, options.Threads)[1];
            _options = options with { WorkerSentenceHook = Read };
            var table = new Utf8WordTable();
            var counts = new long[Words];
            foreach (int id in s_ids.Where(id => id >= 0))
            {
                counts[id]++;
            }

            for (int w = 0; w < Words; w++)
            {
                table.Add(Encoding.UTF8.GetBytes($"w{w}"), counts[w]);
            }

            _vocabulary = Vocab.Build(table, minCount: 1, maxVocab: 0);
        }

        public EncodedCorpus Corpus { get; }

        /// <summary>End of worker 0's slice: the ids a move hands to worker 1 lie before it.</summary>
        public long SlowEnd { get; }

        public List<string> Log { get; } = [];

        /// <summary>Cancels the run (a checkpoint is saved) after the sentence for which this says true.</summary>
        public Func<int, int, long, long, bool>? InterruptWhen { get; set; }

        /// <summary>Cancels the run once this many moves are logged (0: never).</summary>
        public int InterruptOnMove { get; set; }

        public CancellationToken Cancellation => _cancel.Token;

        public SgnsTrainer Trainer(CheckpointPlan? plan) => _last = new(_options, _vocabulary.Counts)
        {
            Checkpoints = plan, Vocabulary = _vocabulary, Log = Add,
        };

        private void Add(string line)
        {
            lock (Log)
            {
                Log.Add(line);
                if (InterruptOnMove > 0 && Log.Count(l => l.Contains(" took ", StringComparison.Ordinal)) == InterruptOnMove)
                {
                    _cancel.Cancel();
                }
            }
        }

        /// <summary>
        /// The hook: counts the ids read. Worker 0's thread then waits until worker 1's has read four times as many ids
        /// (at most 20 µs per id it read, so it goes on once worker 1 has nothing left): worker 0 is the slow one
        /// however the machine schedules the two.
        /// </summary>
        private void Read(int worker, int epoch, long from, long to)
        {
            for (long i = from; i < to; i++)
            {
                Interlocked.Increment(ref _trained[epoch * Length + i]);
            }

            Interlocked.Add(ref _read[worker], to - from);
            if (InterruptWhen?.Invoke(worker, epoch, from, to) == true)
            {
                _cancel.Cancel();
            }

            if (worker == 0)
            {
                long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (to - from) / 50_000;
                while (Volatile.Read(ref _read[1]) < 4 * Volatile.Read(ref _read[0]) && Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(10);
                }
            }
        }

        public void AssertEveryIdOnce()
        {
            for (int epoch = 0; epoch < Epochs; epoch++)
            {
                for (int i = 0; i < Length; i++)
                {
                    int n = _trained[epoch * Length + i];
                    Assert.True(n == 1, $"id {i} read {n} times in epoch {epoch}; log:\n{string.Join("\n", Log)}");
                }
            }

            // The shared count, which drives the learning rate, counted every word once too (resumed: from the checkpoint's).
            Assert.Equal(Corpus.WordCount * Epochs, _last!.Finished!.WordsProcessed);
        }

        public void Dispose()
        {
            Corpus.Dispose();
            _cancel.Dispose();
        }
    }
}

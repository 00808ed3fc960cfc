using System.Diagnostics;
using System.Runtime.InteropServices;
using FastSgns.Checkpoints;
using FastSgns.Interop;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// One Hogwild worker: its slice of the corpus, its generator (seed + thread id), its buffers, all from one
/// <see cref="WorkerPlan"/>. It starts from <see cref="WorkerPlan.From"/> (the slice start, or a checkpoint's
/// position) and checks once per sentence whether it must park for a checkpoint, so saved positions always fall on
/// sentence boundaries.
/// </summary>
internal sealed unsafe class Worker(WorkerPlan plan)
{
    private readonly SharedState _shared = plan.Shared;
    private readonly LearningRate _learningRate = plan.Shared.LearningRate;

    public int Id => plan.Id;

    /// <summary>This worker's private hot rows (skip-gram with negatives, several threads), merged into the matrices as it goes.</summary>
    private HotRows? _hot;

    /// <summary>
    /// Words read but not yet added to the shared count: a worker publishes them every <see cref="PublishWords"/>
    /// words (and before it parks or exits), not every sentence, so the shared count's cache line does not travel
    /// between cores once per sentence. Its own learning rate counts them at once, so one thread's schedule is exact.
    /// </summary>
    internal const int PublishWords = 1 << 14;

    // Running loss and pair count, read racily by the reporter (a torn or stale read only blurs one report), and the
    // word counts below. Padded onto lines of their own: written once per sentence, they must not share a line with
    // another worker's fields.
    private Counters _counters = new() { Loss = plan.From.Loss, Pairs = plan.From.Pairs, Words = plan.From.Words };

    public ref double Loss => ref _counters.Loss;

    public ref long Pairs => ref _counters.Pairs;

    /// <summary>The state at the last park or at the end; read by the coordinator while this worker is parked.</summary>
    public WorkerState State { get; private set; } = plan.From;

    /// <summary>When <see cref="Run"/> ended (a <see cref="Stopwatch"/> timestamp): the spread over workers is the run's imbalance.</summary>
    public long FinishedAt { get; private set; }

    /// <summary>The CPU time this worker's thread used, taken as <see cref="Run"/> ends (0 off Linux): training's own CPU.</summary>
    public long CpuNanoseconds { get; private set; }

    private volatile bool _done;

    /// <summary>True once <see cref="Run"/> has ended (its times and <see cref="State"/> are then final).</summary>
    public bool Done => _done;

    /// <summary>Once <see cref="Done"/>: whether it trained all its work (to its end or its cut), not stopped before.</summary>
    public bool Completed => State.Epoch >= plan.Epochs;

    // This worker's words read, and those not yet added to the shared count: written once per sentence, so they live
    // on the padded counters' lines too (a field of the Worker object could share a line with the next object, the
    // other worker's plan, read once per sentence by the other thread).
    private ref long WordsRead => ref _counters.Words;

    private ref long UnpublishedWords => ref _counters.Unpublished;

    public void Run()
    {
        try
        {
            if (plan.From.Position < plan.Start || plan.From.Position > plan.End)
            {
                throw new InvalidDataException($"The checkpoint puts worker {Id} at id {plan.From.Position}, outside its slice [{plan.Start}, {plan.End}).");
            }

            // Only negative sampling without hierarchical softmax gets hot rows (SgnsTrainer.HotRowCount); every other
            // step leaves them 0.
            _hot = plan.HotRows > 0 ? new HotRows(plan.Input, plan.Output, plan.HotRows, plan.Id, _shared.HotRowsMerge) : null;
            if (plan.BatchedKernel is { } pathBatched && plan.Huffman is not null)
            {
                RunEpochs(new PathBatchStep(pathBatched, new PathBatchGenerator(plan.Huffman, plan.Window)));
            }
            else if (plan.BatchedKernel is { } batched)
            {
                var batches = new BatchGenerator(plan.Negatives, plan.Window, plan.NegativeCount, plan.SharedNegatives);
                RunEpochs(new BatchStep(batched, batches, plan.NegativeCount, plan.Window, _hot));
            }
            else if (plan.Cbow || plan.Huffman is not null)
            {
                var examples = new HiddenGenerator(plan.Negatives, plan.Huffman, plan.Window, plan.NegativeCount, plan.Cbow, gensimTargets: plan.GensimCbow);
                RunEpochs(new HiddenStep(plan.Kernel, examples, plan.CbowMean, _hot));
            }
            else
            {
                RunEpochs(new PairStep(plan.Kernel, new PairGenerator(plan.Negatives, plan.Window, plan.NegativeCount), plan.NegativeCount, _hot));
            }
        }
        catch (Exception e)
        {
            _shared.Failure ??= e;
        }
        finally
        {
            MergeHotRows();
            Publish();
            FinishedAt = Stopwatch.GetTimestamp();
            CpuNanoseconds = MpiThreadClock.Nanoseconds(); // the thread clock the sync thread uses too
            plan.Tail?.Finish();
            _done = true;
            _shared.Finish();
        }
    }

    /// <summary>The epochs left, from the plan's starting point; the state at the end when they all complete.</summary>
    private void RunEpochs<TStep>(TStep step) where TStep : struct, ISentenceStep
    {
        KernelWorkspace scratch = step.CreateWorkspace(plan.Input.Dim);
        try
        {
            var context = new KernelContext(plan.Input.Pointer, plan.Input.Stride, plan.Output.Pointer, plan.Output.Stride, plan.Input.Dim, plan.Sigmoid, scratch)
            {
                Tree = plan.Tree is null ? null : plan.Tree.Pointer,
                ZeroPadding = true, // all three are EmbeddingMatrix rows, whose padding is zero and stays zero
            };
            var sentence = new int[Sentence.MaxLength];
            var random = new Lcg(plan.From.Random);
            long from = plan.From.Position;
            for (int epoch = plan.From.Epoch; epoch < plan.Epochs; epoch++)
            {
                if (!TrainEpoch(ref step, context, sentence, epoch, from, ref random))
                {
                    return;
                }

                from = plan.Start;
            }

            State = new WorkerState(plan.Epochs, plan.End, WordsRead, random.State, Loss, Pairs);
        }
        finally
        {
            scratch.Dispose();
        }
    }

    /// <summary>One pass over the slice; false when the run must stop (failure elsewhere, cancellation, divergence).</summary>
    private bool TrainEpoch<TStep>(ref TStep step, in KernelContext context, Span<int> sentence, int epoch, long from, ref Lcg random)
        where TStep : struct, ISentenceStep
    {
        var reader = new SliceReader(plan.Corpus, from, plan.End);
        long done = 0;
        float alpha = _learningRate.Start;
        while (!reader.AtEnd)
        {
            if (!MayContinue(ref step, context, epoch, reader.Position, random.State, done, alpha))
            {
                return false;
            }

            if (plan.Tail is { } tail && tail.AtCut(epoch, reader.Position))
            {
                break; // the rest of the slice went to another worker or process
            }

            long at = reader.Position;
            int kept = reader.ReadSentence(sentence, plan.Subsampler, ref random, out int read);
            plan.SentenceHook?.Invoke(Id, epoch, at, reader.Position);
            done = CountWords(read);
            _hot?.MergeIfDue(WordsRead);
            alpha = _learningRate.At(done - read);
            int trained = step.Train(context, sentence[..kept], alpha, ref random, out float loss);
            if (!Add(trained, loss, done, alpha))
            {
                return false;
            }
        }

        if (!Flush(ref step, context, done, alpha))
        {
            return false;
        }

        reader.ReleaseRest();
        return true;
    }

    /// <summary>Trains what the step holds back; false when it diverged.</summary>
    private bool Flush<TStep>(ref TStep step, in KernelContext context, long done, float alpha)
        where TStep : struct, ISentenceStep
    {
        int trained = step.Flush(context, out float loss);
        return Add(trained, loss, done, alpha);
    }

    /// <summary>Adds a trained sentence's rows and loss; false when the loss shows divergence.</summary>
    private bool Add(int trained, float loss, long done, float alpha)
    {
        if (trained == 0)
        {
            return true;
        }

        if (Diverged(loss, done, alpha))
        {
            return false;
        }

        Loss += loss;
        Pairs += trained;
        return true;
    }

    /// <summary>
    /// Parking and cancellation, once per sentence; false when the worker must stop. With checkpoints, a pause or a
    /// cancellation parks it here, at a sentence boundary, with its state recorded for the coordinator, until released.
    /// Before it parks or stops, the sentence the step holds back (BatchStep trains each one a call late) is trained,
    /// so the recorded state has trained every sentence it has read.
    /// </summary>
    private bool MayContinue<TStep>(ref TStep step, in KernelContext context, int epoch, long position, ulong random, long done, float alpha)
        where TStep : struct, ISentenceStep
    {
        while (true)
        {
            if (_shared.Failure is not null)
            {
                return false;
            }

            bool cancelled = plan.Cancellation.IsCancellationRequested;
            if (!plan.Checkpointing)
            {
                if (!cancelled)
                {
                    return true;
                }

                Flush(ref step, context, done, alpha);
                return false;
            }

            if (!_shared.PauseRequested && !_shared.StopRequested && !cancelled)
            {
                return true;
            }

            if (!Flush(ref step, context, done, alpha))
            {
                return false;
            }

            Publish();
            _hot?.Merge(); // the checkpoint saves the shared rows
            State = new WorkerState(epoch, position, WordsRead, random, Loss, Pairs);
            if (!_shared.Park())
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Adds a sentence's words to this worker's count and, in blocks of <see cref="PublishWords"/>, to the shared one
    /// (which drives the learning rate and the progress); returns the shared count as this worker sees it, its own
    /// unpublished words included. Past the plan's stop-after budget it asks the run to stop.
    /// </summary>
    private long CountWords(int read)
    {
        UnpublishedWords += read;
        long done = Volatile.Read(ref _shared.WordsProcessed) + UnpublishedWords;
        if (UnpublishedWords >= PublishWords)
        {
            done = Interlocked.Add(ref _shared.WordsProcessed, UnpublishedWords);
            UnpublishedWords = 0;
        }

        WordsRead += read;
        if (plan.StopAfterWords > 0 && done >= plan.StopAfterWords)
        {
            _shared.StopRequested = true;
        }

        return done;
    }

    /// <summary>Adds the words not yet published to the shared count: before parking (a checkpoint saves it) and on exit.</summary>
    private void Publish()
    {
        if (UnpublishedWords > 0)
        {
            Interlocked.Add(ref _shared.WordsProcessed, UnpublishedWords);
            UnpublishedWords = 0;
        }
    }

    /// <summary>The last merge, as the worker exits: a failure here fails the run, never the exit (the coordinator waits for it).</summary>
    private void MergeHotRows()
    {
        try
        {
            _hot?.Merge();
        }
        catch (Exception e)
        {
            _shared.Failure ??= e;
        }
    }

    /// <summary>A NaN or infinite loss fails the run (fastText's way) rather than writing garbage vectors.</summary>
    private bool Diverged(float loss, long done, float alpha)
    {
        if (float.IsFinite(loss))
        {
            return false;
        }

        _shared.Failure ??= new TrainingDivergedException(done, alpha, _learningRate.Start);
        return true;
    }

    /// <summary>The per-sentence counters, 128 bytes of padding on each side (two lines: the adjacent-line prefetcher pairs them).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 288)]
    private struct Counters
    {
        [FieldOffset(128)]
        public double Loss;

        [FieldOffset(136)]
        public long Pairs;

        [FieldOffset(144)]
        public long Words;

        [FieldOffset(152)]
        public long Unpublished;
    }
}

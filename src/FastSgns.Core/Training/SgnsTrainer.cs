using System.Diagnostics;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Kernels;
using FastSgns.Sampling;
using FastSgns.Vocabulary;

namespace FastSgns.Training;

/// <summary>
/// Skip-gram with negative sampling as word2vec.c trains it: lock-free (Hogwild) worker threads, each on its own
/// slice of the encoded corpus, linear learning-rate decay from alpha to alpha·1e-4 over all epochs, per-epoch
/// subsampling; a worker that is done takes half of the busiest one's last epoch (<see cref="WorkerBalance"/>). One
/// thread and one seed give bit-identical vectors for a given kernel; more threads do not.
/// </summary>
internal sealed partial class SgnsTrainer
{
    private readonly TrainingOptions _options;
    private readonly ISgnsKernel _kernel;
    private readonly IBatchedSgnsKernel? _batchedKernel;
    private readonly long[] _counts;

    public ISgnsKernel Kernel => _kernel;

    public SgnsTrainer(TrainingOptions options, ReadOnlySpan<long> counts)
    {
        options.Validate();
        if (counts.Length < 2)
        {
            throw new ArgumentException($"Negative sampling needs a vocabulary of at least 2 words, got {counts.Length}.");
        }

        _options = options;
        _counts = counts.ToArray();
        _kernel = KernelRegistry.Resolve(options.Kernel);
        _batchedKernel = _kernel as IBatchedSgnsKernel;
        if (options.Mode == TrainingMode.Batched && _batchedKernel is null)
        {
            throw new TrainingOptionsException(nameof(TrainingOptions.Mode), $"must be Pairs with the {_kernel.Name} kernel, which has no batched mode.");
        }
    }

    /// <summary>Checkpoints to save, or one to resume from; null: none (cancellation then just stops).</summary>
    public CheckpointPlan? Checkpoints { get; init; }

    /// <summary>
    /// The words the counts belong to, saved in every checkpoint so that a resumed run reads them instead of counting
    /// the corpus again; required with <see cref="Checkpoints"/>.
    /// </summary>
    public Vocab? Vocabulary { get; init; }

    /// <summary>Messages about checkpoints saved and resumed; null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Keeps the model in step with other processes (distributed training); null: this process trains alone.</summary>
    public IModelSynchroniser? Synchroniser { get; init; }

    /// <summary>What identifies the run in a checkpoint besides the options and the encoded corpus (the caller's input, say).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RunIdentity { get; init; } = [];

    /// <summary>Trains and returns the input vectors (syn0), the word embeddings.</summary>
    public EmbeddingMatrix Train(EncodedCorpus corpus, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (Checkpoints is not null && Vocabulary?.Count != _counts.Length)
        {
            throw new InvalidOperationException("Checkpoints need the vocabulary of the counts (SgnsTrainer.Vocabulary).");
        }

        // Room past each matrix's rows for every worker's private hot rows (HotRows).
        int spare = HotRowCount * _options.Threads;
        var input = new EmbeddingMatrix(_counts.Length, _options.Dim, EmbeddingMatrix.StrideFor(_options.Dim), spare);
        EmbeddingMatrix? output = null;
        EmbeddingMatrix? tree = null;
        try
        {
            // Untouched pages of a matrix are never committed, so with Negative 0 the unused output costs no memory.
            output = new EmbeddingMatrix(_counts.Length, _options.Dim, EmbeddingMatrix.StrideFor(_options.Dim), spare);
            tree = _options.HierarchicalSoftmax ? new EmbeddingMatrix(_counts.Length - 1, _options.Dim) : null;
            TrainingCheckpoint? resumed = null;
            // Distributed: every process takes part in the scope's gather, then reads the one checkpoint as the job's.
            _scope = Checkpoints is not null && Synchroniser is not null
                ? Synchroniser.Scope(corpus.Length, corpus.WordCount, Synchroniser.SliceBounds(corpus, _options.Threads)) : null;
            if (Checkpoints is { Resume: true } plan)
            {
                var bounds = _scope is { } scope ? new ResumeBounds(scope.Bounds, _options.Epochs, scope.CorpusWords * _options.Epochs, scope.Processes)
                    : new ResumeBounds(SliceBounds(corpus, _options.Threads), _options.Epochs, corpus.WordCount * (long)_options.Epochs);
                resumed = TrainingCheckpoint.Load(plan.Path, Identity(corpus), bounds, input, output, tree);
                resumed = _scope is null ? resumed : Mine(resumed, _scope);
                Log?.Invoke($"checkpoint: resuming from {plan.Path} at {resumed.WordsProcessed / Math.Max(1.0, (_scope?.CorpusWords ?? corpus.WordCount) * (double)_options.Epochs):P1}");
            }
            else
            {
                // Each is mostly the kernel faulting a fresh matrix's pages in, in blocks of rows on every core.
                input.InitializeUniform(_options.Seed, _options.InitialWidth);
                CommitTrained(output, tree);
                LoadStart(corpus, input, output, tree);
            }

            using var table = new SigmoidTable(_options.SigmoidTableSize, _options.SigmoidMaxExp);
            Run(corpus, new Matrices(input, output, tree), table, resumed, progress, cancellation);
            if (!input.AllFinite())
            {
                throw new TrainingDivergedException(corpus.WordCount * _options.Epochs, _options.Alpha * 1e-4f, _options.Alpha);
            }

            if (KeepOutput)
            {
                (Output, output) = (output, null);
                (Tree, tree) = (tree, null);
            }

            return input;
        }
        catch
        {
            input.Dispose();
            throw;
        }
        finally
        {
            output?.Dispose();
            tree?.Dispose();
        }
    }

    /// <summary>The matrices a run trains: syn0, syn1neg and, with hierarchical softmax, syn1.</summary>
    private sealed record Matrices(EmbeddingMatrix Input, EmbeddingMatrix Output, EmbeddingMatrix? Tree);

    private void Run(EncodedCorpus corpus, Matrices matrices, SigmoidTable table,
        TrainingCheckpoint? resumed, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        (EmbeddingMatrix input, EmbeddingMatrix output) = (matrices.Input, matrices.Output);
        int threads = _options.Threads;
        long corpusWords = Synchroniser?.CorpusWords ?? corpus.WordCount;
        var shared = new SharedState(corpusWords * _options.Epochs, _options.Alpha, resumed?.WordsProcessed ?? Start?.WordsProcessed ?? 0, _options.AlphaEnd);
        long[] bounds = Synchroniser?.SliceBounds(corpus, threads) ?? SliceBounds(corpus, threads);
        var common = new WorkerPlan
        {
            Id = 0, Corpus = corpus, Start = 0, End = 0, From = default,
            Kernel = _kernel, BatchedKernel = _options.Mode == TrainingMode.Batched ? _batchedKernel : null,
            Input = input, Output = output, Sigmoid = table,
            Tree = matrices.Tree, Huffman = matrices.Tree is null ? null : new HuffmanTree(_counts),
            Cbow = _options.Model == TrainingModel.Cbow, CbowMean = _options.CbowMean, GensimCbow = _options.GensimCbow,
            Subsampler = new Subsampler(Start?.TextCounts ?? _counts, corpusWords, _options.Sample), Negatives = new NegativeSampler(_counts, _options.NsExponent),
            Window = _options.Window, NegativeCount = _options.Negative, HotRows = HotRowCount, SharedNegatives = _options.SharedNegatives, Epochs = LastEpoch,
            Checkpointing = Checkpoints is not null, StopAfterWords = Checkpoints?.StopAfterWords ?? 0,
            Shared = shared, Cancellation = cancellation, SentenceHook = _options.WorkerSentenceHook,
        };
        WorkerState[] froms = [.. Enumerable.Range(0, threads).Select(t =>
            resumed?.Workers[t] ?? new WorkerState(Start?.Epoch ?? 0, bounds[t], 0, Generator(t) + (ulong)(Synchroniser?.SeedOffset ?? 0), 0, 0))];
        // Training alone with several threads, a worker that is done takes over half of the busiest one's rest
        // (WorkerBalance); a distributed run evens out its ranks instead (the handover below), and its checkpoints
        // record ids moved between ranks only.
        bool balanced = threads > 1 && Synchroniser is null;
        var balance = new WorkerBalance(corpus, common, bounds, froms,
            resumed?.Ends ?? bounds[1..], Synchroniser is null ? resumed?.Moved ?? [] : [], withTails: balanced || Synchroniser is not null,
            balanced, _options.MoveMinimumIds, Log);
        Worker[] workers = [.. balance.Own];
        IReadOnlyList<WorkerTail> tails = balance.Tails;

        // Distributed: a process whose workers are done trains ids the slowest one hands over, so the processes end together.
        ReceivedWork? received = Synchroniser is null ? null : new ReceivedWork(common, threads, Generator(0) + (ulong)Synchroniser.SeedOffset);
        if (received is not null)
        {
            Synchroniser!.EnableHandover(new Handover(corpus, tails, received.Train, received.Resume));
        }

        if (Synchroniser is not null && Checkpoints is not null && _scope is not null)
        {
            Synchroniser.EnableCheckpoints(new CheckpointHost
            {
                Plan = Checkpoints, TotalWords = shared.TotalWords, Scope = _scope,
                Park = () => shared.PauseAll(threads + received!.Started),
                States = () => [.. workers.Select(w => w.State)],
                Ends = () => [.. tails.Select(t => t.LastEnd)],
                Received = received!.States,
                Save = (words, states, ends, moved) => new TrainingCheckpoint { Identity = Identity(corpus), WordsProcessed = words, Workers = states, Ends = ends, Moved = moved }
                    .Save(Checkpoints.Path, Vocabulary!, input, output, matrices.Tree),
                Release = stop => shared.ReleaseAll(stop),
            });
        }

        if (resumed is not null)
        {
            // Every process reads the same checkpoint, so all make this call alike (it gathers the moved ids).
            Synchroniser?.ResumeHandovers(resumed.Moved);
        }

        Synchroniser?.Begin(input, output, matrices.Tree, shared);
        var stopwatch = Stopwatch.StartNew();
        long started = Stopwatch.GetTimestamp();
        Thread[] running = [.. workers.Select(w => new Thread(w.Run, maxStackSize: 1 << 20) { IsBackground = true, Name = $"sgns-{w.Id}" })];
        foreach (Thread thread in running)
        {
            thread.Start();
        }

        var coordinator = new Coordinator(this, corpus, balance, shared, matrices, cancellation);
        var meter = new ProgressMeter(() => balance.All, threads, shared);
        try
        {
            TimeSpan nextReport = ReportInterval;
            while (!shared.AllFinished(balance.Started) || balance.Pending)
            {
                shared.WaitForFinish(balance.Started, Synchroniser?.PollInterval ?? PollInterval);
                coordinator.Tick(stopwatch.Elapsed);
                balance.Tick();
                Synchroniser?.Tick(stopwatch.Elapsed);
                if (stopwatch.Elapsed >= nextReport)
                {
                    progress?.Report(meter.Snapshot(stopwatch.Elapsed));
                    nextReport = stopwatch.Elapsed + ReportInterval;
                }
            }

            foreach (Thread thread in running)
            {
                thread.Join();
            }

            balance.Join();
            balance.LogEnds(started);
            if (shared.Failure is null)
            {
                Synchroniser?.End(stopwatch.Elapsed);
            }

            received?.Join();

            progress?.Report(meter.Snapshot(stopwatch.Elapsed));
        }
        catch (Exception e)
        {
            // The workers write into native memory that is freed once this method returns: stop and wait for them.
            shared.Failure ??= e;
            shared.ReleaseAll(stop: true);
            foreach (Thread thread in running)
            {
                thread.Join();
            }

            balance.Join();
            received?.Join();
            throw;
        }

        if (shared.Failure is { } failure)
        {
            throw failure;
        }

        if (Checkpoints is null)
        {
            cancellation.ThrowIfCancellationRequested();
        }

        Finished = new ModelSchedule(LastEpoch, Interlocked.Read(ref shared.WordsProcessed), corpus.WordCount, "", balance.Generators);
    }

    /// <summary>
    /// Rows of each matrix every worker trains in private (<see cref="HotRows"/>): negative sampling without
    /// hierarchical softmax (skip-gram batched or per pair, CBOW) at two threads or more, trained alone (a distributed
    /// job's synchroniser reads the shared rows).
    /// </summary>
    private int HotRowCount =>
        !_options.HierarchicalSoftmax && _options.Negative > 0 && Synchroniser is null ? HotRows.RowsFor(_counts.Length, _options.Threads) : 0;

    /// <summary>This process's part of a distributed checkpoint; null when training alone or without checkpoints.</summary>
    private CheckpointScope? _scope;

    /// <summary>This process's workers of a distributed checkpoint, positions back in its own shard.</summary>
    private TrainingCheckpoint Mine(TrainingCheckpoint all, CheckpointScope scope) => new()
    {
        Identity = all.Identity,
        WordsProcessed = all.WordsProcessed,
        Workers = [.. all.Workers.Skip(scope.FirstWorker).Take(_options.Threads).Select(w => w with { Position = w.Position - scope.Offset })],
        Ends = all.Ends is null ? null : [.. all.Ends.Skip(scope.FirstWorker).Take(_options.Threads).Select(end => end - scope.Offset)],
        Moved = all.Moved, // every process's: the synchroniser hands each range to its taker again
    };

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
}

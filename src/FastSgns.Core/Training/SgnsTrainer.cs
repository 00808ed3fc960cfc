using System.Diagnostics;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Kernels;

namespace FastSgns.Training;

/// <summary>
/// Skip-gram with negative sampling as word2vec.c trains it: lock-free (Hogwild) worker threads, each on its own
/// slice of the encoded corpus, linear learning-rate decay from alpha to alpha·1e-4 over all epochs, per-epoch
/// subsampling. One thread and one seed give bit-identical vectors for a given kernel; more threads do not.
/// </summary>
public sealed partial class SgnsTrainer
{
    private readonly TrainingOptions _options;
    private readonly ISgnsKernel _kernel;
    private readonly long[] _counts;

    public ISgnsKernel Kernel => _kernel;

    public SgnsTrainer(TrainingOptions options, ReadOnlySpan<long> counts)
    {
        options.Validate();
        if (counts.Length < 2)
        {
            throw new ArgumentException("Negative sampling needs a vocabulary of at least 2 words.", nameof(counts));
        }

        _options = options;
        _counts = counts.ToArray();
        _kernel = KernelRegistry.Resolve(options.Kernel);
        if (options.Mode == TrainingMode.Batched && _kernel is not IBatchedSgnsKernel)
        {
            throw new ArgumentException($"The {_kernel.Name} kernel has no batched mode; use --mode pairs.", nameof(options));
        }
    }

    /// <summary>Trains and returns the input vectors (syn0), the word embeddings.</summary>
    public EmbeddingMatrix Train(EncodedCorpus corpus, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var input = new EmbeddingMatrix(_counts.Length, _options.Dim);
        try
        {
            input.InitializeUniform(_options.Seed);
            using var output = new EmbeddingMatrix(_counts.Length, _options.Dim);
            using var table = new SigmoidTable(_options.SigmoidTableSize, _options.SigmoidMaxExp);
            Run(corpus, input, output, table, progress, cancellation);
            if (!input.AllFinite())
            {
                throw new TrainingDivergedException(corpus.WordCount * _options.Epochs, _options.Alpha);
            }

            return input;
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    private void Run(EncodedCorpus corpus, EmbeddingMatrix input, EmbeddingMatrix output, SigmoidTable table,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        int threads = _options.Threads;
        var shared = new SharedState(corpus.WordCount * (long)_options.Epochs, _options.Alpha);
        var subsampler = new Subsampler(_counts, corpus.WordCount, _options.Sample);
        var sampler = new NegativeSampler(_counts);
        long[] bounds = SliceBounds(corpus, threads);
        var workers = new Worker[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Worker(this, t, corpus, bounds[t], bounds[t + 1], input, output, table, subsampler, sampler, shared, cancellation);
        }

        var stopwatch = Stopwatch.StartNew();
        Thread[] running = [.. workers.Select(w => new Thread(w.Run, maxStackSize: 1 << 20) { IsBackground = true, Name = $"sgns-{w.Id}" })];
        foreach (Thread thread in running)
        {
            thread.Start();
        }

        try
        {
            foreach (Thread thread in running)
            {
                while (!thread.Join(ReportInterval))
                {
                    progress?.Report(Snapshot(workers, shared, stopwatch.Elapsed));
                }
            }

            progress?.Report(Snapshot(workers, shared, stopwatch.Elapsed));
        }
        catch (Exception e)
        {
            // The workers write into native memory that is freed once this method returns: stop and wait for them.
            shared.Failure ??= e;
            foreach (Thread thread in running)
            {
                thread.Join();
            }

            throw;
        }

        if (shared.Failure is { } failure)
        {
            throw failure;
        }

        cancellation.ThrowIfCancellationRequested();
    }

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    /// <summary>Thread t trains on [bounds[t], bounds[t+1]); inner bounds move forward to a sentence start.</summary>
    internal static long[] SliceBounds(EncodedCorpus corpus, int threads)
    {
        var bounds = new long[threads + 1];
        bounds[threads] = corpus.Length;
        for (int t = 1; t < threads; t++)
        {
            long position = Math.Max(bounds[t - 1], corpus.Length * t / threads);
            while (position > 0 && position < corpus.Length && corpus.Window(position - 1, 1)[0] != EncodedCorpus.SentenceEnd)
            {
                position++;
            }

            bounds[t] = position;
        }

        return bounds;
    }

    private TrainingProgress Snapshot(Worker[] workers, SharedState shared, TimeSpan elapsed)
    {
        long words = Interlocked.Read(ref shared.WordsProcessed);
        double totalLoss = 0;
        long totalPairs = 0;
        foreach (Worker w in workers)
        {
            totalLoss += Volatile.Read(ref w.Loss);
            totalPairs += Volatile.Read(ref w.Pairs);
        }

        // Average over the pairs trained since the previous report, so the figure follows the current state.
        double loss = totalLoss - shared.ReportedLoss;
        long pairs = totalPairs - shared.ReportedPairs;
        (shared.ReportedLoss, shared.ReportedPairs) = (totalLoss, totalPairs);

        double fraction = shared.TotalWords == 0 ? 1 : Math.Min(1, (double)words / shared.TotalWords);
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        double rate = words / seconds;
        TimeSpan eta = rate > 0 ? TimeSpan.FromSeconds((shared.TotalWords - words) / rate) : TimeSpan.Zero;
        return new TrainingProgress(fraction, words, elapsed, rate, rate / workers.Length, shared.CurrentAlpha(words),
            pairs > 0 ? loss / pairs : 0, eta, workers.Length);
    }

    /// <summary>State the workers share: the global word count that drives the learning rate, and the first failure.</summary>
    private sealed class SharedState(long totalWords, float alpha)
    {
        public long WordsProcessed;
        public readonly long TotalWords = totalWords;
        public volatile Exception? Failure;
        public double ReportedLoss;
        public long ReportedPairs;

        /// <summary>word2vec.c: alpha · (1 − done / (epochs · trainWords + 1)), never below alpha · 1e-4.</summary>
        public float CurrentAlpha(long words) =>
            Math.Max(alpha * 1e-4f, alpha * (1 - words / (float)(TotalWords + 1)));
    }
}

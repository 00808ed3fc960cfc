using System.Runtime.InteropServices;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

public sealed partial class SgnsTrainer
{
    /// <summary>
    /// One Hogwild worker: its slice of the corpus, its generator (seed + thread id), its buffers. It starts from a
    /// <see cref="WorkerState"/> (the slice start, or a checkpoint's position) and checks once per sentence whether it
    /// must park for a checkpoint, so saved positions always fall on sentence boundaries.
    /// </summary>
    private sealed unsafe class Worker(
        SgnsTrainer trainer, int id, EncodedCorpus corpus, long start, long end,
        EmbeddingMatrix input, EmbeddingMatrix output, SigmoidTable table,
        Subsampler subsampler, NegativeSampler sampler, SharedState shared, WorkerState state, CancellationToken cancellation)
    {
        private const int ReadAhead = 1 << 16;

        public readonly int Id = id;

        // Running loss and pair count, read racily by the reporter (a torn or stale read only blurs one report).
        public double Loss = state.Loss;
        public long Pairs = state.Pairs;

        /// <summary>The state at the last park or at the end; read by the coordinator while this worker is parked.</summary>
        public WorkerState State { get; private set; } = state;

        private readonly WorkerState _start = state;
        private long _words = state.Words;

        public void Run()
        {
            float* scratch = null;
            try
            {
                TrainingOptions options = trainer._options;
                int scratchFloats = options.Mode == TrainingMode.Batched
                    ? KernelContext.BatchedScratchFloats(options.Dim, options.Negative, 2 * options.Window)
                    : KernelContext.ScratchFloats(options.Dim, options.Negative);
                scratch = (float*)NativeMemory.AlignedAlloc((nuint)scratchFloats * sizeof(float), 64);
                var context = new KernelContext(input.Pointer, output.Pointer, input.Stride, input.Dim, table, scratch);
                var pairs = new PairGenerator(sampler, options.Window, options.Negative);
                BatchGenerator? batches = options.Mode == TrainingMode.Batched ? new BatchGenerator(sampler, options.Window, options.Negative, options.SharedNegatives) : null;
                var sentence = new int[Sentence.MaxLength];
                if (_start.Position < start || _start.Position > end)
                {
                    throw new InvalidDataException($"The checkpoint puts worker {Id} at id {_start.Position}, outside its slice [{start}, {end}).");
                }

                var random = new Lcg(_start.Random);
                long from = _start.Position;
                for (int epoch = _start.Epoch; epoch < options.Epochs; epoch++)
                {
                    if (!TrainEpoch(context, pairs, batches, sentence, epoch, from, ref random))
                    {
                        return;
                    }

                    from = start;
                }

                State = new WorkerState(options.Epochs, end, _words, random.State, Loss, Pairs);
            }
            catch (Exception e)
            {
                shared.Failure ??= e;
            }
            finally
            {
                NativeMemory.AlignedFree(scratch);
                shared.Finish();
            }
        }

        /// <summary>One pass over the slice; false when the run must stop (failure elsewhere or cancellation).</summary>
        private bool TrainEpoch(in KernelContext context, PairGenerator pairs, BatchGenerator? batches, int[] sentence, int epoch, long from, ref Lcg random)
        {
            TrainingOptions options = trainer._options;
            int rows = options.Negative + 1;
            long position = from;
            long windowStart = from;
            long released = from;
            ReadOnlySpan<int> window = default;
            bool checkpointing = trainer.Checkpoints is not null;
            long stopAfter = trainer.Checkpoints?.StopAfterWords ?? 0;
            while (position < end)
            {
                if (shared.Failure is not null)
                {
                    return false;
                }

                if (checkpointing && (shared.PauseRequested || shared.StopRequested || cancellation.IsCancellationRequested))
                {
                    State = new WorkerState(epoch, position, _words, random.State, Loss, Pairs);
                    if (!shared.Park())
                    {
                        return false;
                    }

                    continue;
                }

                if (!checkpointing && cancellation.IsCancellationRequested)
                {
                    return false;
                }

                int kept = 0;
                int read = 0;
                while (position < end && kept < sentence.Length)
                {
                    if (position - windowStart >= window.Length)
                    {
                        released = corpus.Release(released, position);
                        windowStart = position;
                        window = corpus.Window(position, (int)Math.Min(ReadAhead, end - position));
                    }

                    int word = window[(int)(position - windowStart)];
                    position++;
                    if (word == EncodedCorpus.SentenceEnd)
                    {
                        break;
                    }

                    read++;
                    if (subsampler.Keep(word, ref random))
                    {
                        sentence[kept++] = word;
                    }
                }

                long done = Interlocked.Add(ref shared.WordsProcessed, read);
                _words += read;
                if (stopAfter > 0 && done >= stopAfter)
                {
                    shared.StopRequested = true;
                }

                float alpha = shared.CurrentAlpha(done - read);
                int count;
                float loss;
                if (batches is not null)
                {
                    int batchCount = batches.Generate(sentence.AsSpan(0, kept), ref random);
                    count = batches.Offsets[batchCount];
                    if (count == 0)
                    {
                        continue;
                    }

                    loss = ((IBatchedSgnsKernel)trainer._kernel).TrainBatches(context, batches.Contexts.AsSpan(0, count),
                        batches.Offsets.AsSpan(0, batchCount + 1), batches.Targets.AsSpan(0, batchCount * rows), options.Negative, alpha);
                }
                else
                {
                    count = pairs.Generate(sentence.AsSpan(0, kept), ref random);
                    if (count == 0)
                    {
                        continue;
                    }

                    loss = trainer._kernel.TrainPairs(context, pairs.Inputs.AsSpan(0, count), pairs.Targets.AsSpan(0, count * rows), options.Negative, alpha);
                }

                if (!float.IsFinite(loss))
                {
                    shared.Failure ??= new TrainingDivergedException(done, alpha, options.Alpha);
                    return false;
                }

                Loss += loss;
                Pairs += count;
            }

            corpus.Release(released, end);
            return true;
        }
    }
}

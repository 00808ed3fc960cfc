using System.Runtime.InteropServices;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Kernels;

namespace FastSgns.Training;

public sealed partial class SgnsTrainer
{
    /// <summary>One Hogwild worker: its slice of the corpus, its generator (seed + thread id), its buffers.</summary>
    private sealed unsafe class Worker(
        SgnsTrainer trainer, int id, EncodedCorpus corpus, long start, long end,
        EmbeddingMatrix input, EmbeddingMatrix output, SigmoidTable table,
        Subsampler subsampler, NegativeSampler sampler, SharedState shared, CancellationToken cancellation)
    {
        private const int ReadAhead = 1 << 16;

        public readonly int Id = id;

        // Running loss and pair count, read racily by the reporter (a torn or stale read only blurs one report).
        public double Loss;
        public long Pairs;

        public void Run()
        {
            float* scratch = null;
            try
            {
                TrainingOptions options = trainer._options;
                int scratchFloats = KernelContext.ScratchFloats(options.Dim, options.Negative);
                scratch = (float*)NativeMemory.AlignedAlloc((nuint)scratchFloats * sizeof(float), 64);
                var context = new KernelContext(input.Pointer, output.Pointer, input.Stride, input.Dim, table, scratch);
                var pairs = new PairGenerator(sampler, options.Window, options.Negative);
                var sentence = new int[TrainingOptions.MaxSentenceLength];
                var random = new Lcg(options.Seed + (ulong)Id);
                for (int epoch = 0; epoch < options.Epochs; epoch++)
                {
                    if (!TrainEpoch(context, pairs, sentence, ref random))
                    {
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                shared.Failure ??= e;
            }
            finally
            {
                NativeMemory.AlignedFree(scratch);
            }
        }

        /// <summary>One pass over the slice; false when the run must stop (failure elsewhere or cancellation).</summary>
        private bool TrainEpoch(in KernelContext context, PairGenerator pairs, int[] sentence, ref Lcg random)
        {
            TrainingOptions options = trainer._options;
            int rows = options.Negative + 1;
            long position = start;
            long windowStart = start;
            ReadOnlySpan<int> window = default;
            while (position < end)
            {
                if (shared.Failure is not null || cancellation.IsCancellationRequested)
                {
                    return false;
                }

                int kept = 0;
                int read = 0;
                while (position < end && kept < sentence.Length)
                {
                    if (position - windowStart >= window.Length)
                    {
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
                float alpha = shared.CurrentAlpha(done - read);
                int count = pairs.Generate(sentence.AsSpan(0, kept), ref random);
                if (count == 0)
                {
                    continue;
                }

                float loss = trainer._kernel.TrainPairs(context, pairs.Inputs.AsSpan(0, count), pairs.Targets.AsSpan(0, count * rows), options.Negative, alpha);
                if (!float.IsFinite(loss))
                {
                    shared.Failure ??= new TrainingDivergedException(done, alpha, options.Alpha);
                    return false;
                }

                Loss += loss;
                Pairs += count;
            }

            return true;
        }
    }
}

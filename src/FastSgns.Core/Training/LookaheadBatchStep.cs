using FastSgns.Embeddings;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// The batched mode for matrices far larger than the caches (a vocabulary of a million words and more): rows are
/// fetched from DRAM, and the kernel's own prefetch, one batch ahead, is too short to hide that latency — on a
/// corpus of 20-word lines it also never covers a sentence's first batch. This step draws a sentence's batches one
/// sentence early and trains the previous sentence meanwhile, in chunks of <see cref="Chunk"/> batches, asking for the
/// rows of the next chunk (each batch's M+1 output rows and its center word's input row, which is its neighbours'
/// context) before it trains the current one. The random draws and the order of the updates are those of
/// <see cref="BatchStep"/>, so one thread's model is bit-identical; only the training of each sentence comes one
/// sentence later, and the worker <see cref="Flush"/>es the waiting sentence before it parks or ends an epoch.
/// </summary>
internal readonly unsafe struct LookaheadBatchStep(IBatchedSgnsKernel kernel, BatchLookahead queue, int negatives, int window) : ISentenceStep
{
    /// <summary>Batches per kernel call, and how far ahead (at least) their rows are requested.</summary>
    public const int Chunk = 8;

    /// <summary>Input plus output matrix size from which the lookahead pays: above what the last-level cache holds.</summary>
    public const long MinMatrixBytes = 256L << 20;

    /// <summary>True when the two matrices are large enough for this step (<see cref="MinMatrixBytes"/>).</summary>
    public static bool Pays(EmbeddingMatrix input, EmbeddingMatrix output) => input.ByteSize + output.ByteSize >= MinMatrixBytes;

    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForBatches(dim, negatives, 2 * window);

    /// <summary>Draws this sentence's batches and starts fetching its first rows, then trains the sentence before it.</summary>
    public int Train(in KernelContext context, ReadOnlySpan<int> sentence, float alpha, ref Lcg random, out float loss)
    {
        BatchGenerator next = queue.Free;
        int batches = next.Generate(sentence, ref random);
        Prefetch(context, next, 0, batches);
        int trained = TrainPending(context, out loss);
        queue.Advance(batches, alpha);
        return trained;
    }

    /// <summary>Trains the waiting sentence, if any; returns its rows trained and, in <paramref name="alpha"/>, its learning rate.</summary>
    public int Flush(in KernelContext context, out float loss, out float alpha)
    {
        alpha = queue.PendingAlpha;
        int trained = TrainPending(context, out loss);
        queue.Clear();
        return trained;
    }

    private int TrainPending(in KernelContext context, out float loss)
    {
        loss = 0;
        if (queue.Pending is not { } pending)
        {
            return 0;
        }

        int batches = queue.PendingBatches;
        int rows = negatives + 1;
        int contexts = pending.Offsets[batches];
        for (int first = 0; first < batches; first += Chunk)
        {
            int count = Math.Min(Chunk, batches - first);
            Prefetch(context, pending, first + Chunk, batches);
            // Offsets index the whole sentence's contexts, so a chunk passes them all and its own offsets and targets.
            loss += kernel.TrainBatches(context, pending.Contexts.AsSpan(0, contexts), pending.Offsets.AsSpan(first, count + 1),
                pending.Targets.AsSpan(first * rows, count * rows), negatives, queue.PendingAlpha);
        }

        return contexts;
    }

    /// <summary>Asks for the rows of batches [<paramref name="first"/>, first + <see cref="Chunk"/>) of <paramref name="generator"/> (none past its end).</summary>
    private void Prefetch(in KernelContext context, BatchGenerator generator, int first, int batches)
    {
        int rows = negatives + 1;
        int end = Math.Min(batches, first + Chunk);
        if (first >= end)
        {
            return;
        }

        fixed (int* targets = generator.Targets)
        {
            for (int b = first; b < end; b++)
            {
                int* batch = targets + b * rows;
                RowPrefetch.Rows(context.Output, context.Stride, batch, rows, context.Dim);
                RowPrefetch.Rows(context.Input, context.Stride, batch, 1, context.Dim);
            }
        }
    }
}

using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// The batched mode: each center word's contexts share one draw of negatives, one kernel call per sentence. Each
/// sentence is trained one call late, after the next one is drawn, so the kernel can request the next sentence's
/// first rows while it trains this one's last batches (with a large vocabulary those rows are in DRAM, and a
/// sentence's first batches started cold). The draws are made in the same order as without the delay and nothing
/// drawn depends on the rows, so the model is the same; <see cref="Flush"/> trains the held sentence.
/// </summary>
/// <remarks>With <paramref name="hot"/>, the batches' hot ids are moved to the worker's private rows before the kernel call.</remarks>
internal readonly struct BatchStep(IBatchedSgnsKernel kernel, BatchGenerator batches, int negatives, int window, HotRows? hot = null) : ISentenceStep
{
    private readonly Held _held = new();

    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForBatches(dim, negatives, 2 * window);

    /// <summary>Draws <paramref name="sentence"/>'s batches and trains the sentence held before it; returns that one's count and loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Train(in KernelContext context, ReadOnlySpan<int> sentence, float alpha, ref Lcg random, out float loss)
    {
        int rows = negatives + 1;
        int first = _held.Batches;
        int total = batches.Generate(sentence, ref random, first);
        int from = batches.Offsets[first];
        hot?.Remap(batches.Contexts.AsSpan(from, batches.Offsets[total] - from));
        hot?.Remap(batches.Targets.AsSpan(first * rows, (total - first) * rows));
        int count = TrainHeld(context, total, out loss);
        _held.Alpha = alpha;
        return count;
    }

    /// <summary>Trains the held sentence, with nothing after it to request.</summary>
    public int Flush(in KernelContext context, out float loss) => TrainHeld(context, _held.Batches, out loss);

    /// <summary>Trains the held sentence's batches (the first of <paramref name="total"/>) and keeps the rest as the held ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TrainHeld(in KernelContext context, int total, out float loss)
    {
        int rows = negatives + 1;
        int trained = _held.Batches;
        int count = batches.Offsets[trained];
        loss = count == 0 ? 0 : kernel.TrainFirstBatches(context, batches.Contexts.AsSpan(0, batches.Offsets[total]),
            batches.Offsets.AsSpan(0, total + 1), batches.Targets.AsSpan(0, total * rows), negatives, _held.Alpha, trained);
        if (trained > 0)
        {
            batches.DropFirst(trained, total);
        }

        _held.Batches = total - trained;
        return count;
    }

    /// <summary>The sentence drawn and not yet trained: its batches (at the front of the generator's buffers) and learning rate.</summary>
    private sealed class Held
    {
        public int Batches;

        public float Alpha;
    }
}

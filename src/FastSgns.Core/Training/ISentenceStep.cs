using FastSgns.Kernels;
using FastSgns.Randomness;

namespace FastSgns.Training;

/// <summary>
/// How a worker trains one subsampled sentence in the chosen mode: generate the rows, then one kernel call (or one call late, see <see cref="Flush"/>). The mode
/// is picked once per worker (<see cref="PairStep"/> or <see cref="BatchStep"/>) and the epoch loop is generic over
/// it, so the JIT compiles one loop per mode: no cast and no mode test per sentence.
/// </summary>
internal interface ISentenceStep
{
    /// <summary>The per-thread kernel scratch this step needs at <paramref name="dim"/>.</summary>
    KernelWorkspace CreateWorkspace(int dim);

    /// <summary>Trains on <paramref name="sentence"/>; returns the rows trained (0: the sentence gave none, no kernel call).</summary>
    int Train(in KernelContext context, ReadOnlySpan<int> sentence, float alpha, ref Lcg random, out float loss);

    /// <summary>
    /// Trains what <see cref="Train"/> has drawn but held back (a step may train each sentence one call late, as
    /// <see cref="BatchStep"/> does); returns its rows. The worker calls it before it parks, stops or ends a pass.
    /// </summary>
    int Flush(in KernelContext context, out float loss)
    {
        loss = 0;
        return 0;
    }
}

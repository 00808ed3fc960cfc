namespace FastSgns.Kernels;

/// <summary>
/// The per-pair work of SGNS for a batch of pairs, applied in order (later pairs see earlier updates, as in
/// word2vec.c). For pair p the input row is <c>inputs[p]</c> and its M+1 output rows are
/// <c>targets[p·(M+1) .. p·(M+1)+M]</c>, the first being the positive (label 1), the rest negatives (label 0).
/// Per pair: all M+1 dot products against the unchanged input row; g_k = (label_k − σ(f_k))·alpha with σ from the
/// table; then for every dimension j, in order k = 0..M: e_j += g_k·out_k[j]; out_k[j] += g_k·in[j]; and finally
/// in[j] += e_j. Returns the summed loss; a NaN or infinite dot product makes it NaN or infinite, so the caller can
/// detect divergence without a separate pass.
/// </summary>
internal interface ISgnsKernel
{
    /// <summary>Short name used by --kernel and FASTSGNS_KERNEL: scalar, avx2, avx512, native.</summary>
    string Name { get; }

    /// <summary>Whether this CPU and runtime can run the kernel.</summary>
    bool IsSupported { get; }

    float TrainPairs(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives, float alpha);

    /// <summary>
    /// CBOW and hierarchical softmax: per example of <paramref name="batch"/>, in order, one hidden vector h trained
    /// against a list of output rows with per-row labels. h is the first input row, plus each later one in order,
    /// times 1/count when <see cref="HiddenBatch.Mean"/>; the gradient e starts at 0. Then per part (the tree rows
    /// with their labels, then the M+1 output rows with labels 1, 0, …): all the part's dot products f_k = h·out_k
    /// against the unchanged h; g_k = (label_k − σ(f_k))·alpha with σ from the table, except that a tree row with
    /// <see cref="SigmoidTable.IsSaturated"/>(f_k) gets g_k = 0 (word2vec.c skips that inner node; negative sampling's
    /// rows keep the saturated σ's update, as there, unless <see cref="HiddenBatch.GensimTargets"/>: then a saturated
    /// output row and a negative equal to the positive get g_k = 0 too); for every dimension j, in order
    /// k = 0..: e_j += g_k·out_k[j]; out_k[j] += g_k·h[j]. Finally every input row, in order, gets += e (a row that
    /// appears twice gets it twice, as in word2vec.c). Returns the summed loss (table loss of label 1 or 0 per row),
    /// NaN or infinite when a dot product is.
    /// </summary>
    float TrainHidden(in KernelContext context, in HiddenBatch batch, float alpha);
}

namespace FastSgns.Kernels;

/// <summary>
/// Shared-negative mini-batched SGNS (pWord2Vec's scheme), for <c>--mode batched</c>. A batch is the B context words
/// of one center word: their input rows C_0..C_{B−1} share the M+1 output rows O_0..O_M, O_0 the center word (label 1)
/// and O_1..O_M negatives drawn once for the whole batch (label 0).
/// <para>
/// Layout: batch b owns the context ids <c>contexts[offsets[b] .. offsets[b+1]−1]</c> (offsets is non-decreasing,
/// <c>offsets.Length − 1</c> batches, <c>offsets[0]</c> = 0 is not required) and the target ids
/// <c>targets[b·(M+1) .. b·(M+1)+M]</c>. Batches are applied in order: a later batch sees the updates of earlier ones.
/// </para>
/// <para>
/// Per batch, every quantity is computed from the rows as they were before the batch: F[i,k] = C_i·O_k (summed in
/// any order); entry = <see cref="SigmoidTable.EntryOf"/>(F[i,k]); G[i,k] = (label_k − σ[entry])·alpha;
/// loss += table loss of the entry + 0·F[i,k]. Then for every dimension j: ΔC_i[j] = Σ_{k=0..M} G[i,k]·O_k[j] and
/// ΔO_k[j] = Σ_{i=0..B−1} G[i,k]·C_i[j], each accumulated in that index order with fused multiply-adds starting from
/// 0; then C_i[j] += ΔC_i[j] for i = 0..B−1 and O_k[j] += ΔO_k[j] for k = 0..M, in order. A row named twice (a
/// repeated context or negative) thus receives the sum of both deltas, both computed from the pre-batch values — the
/// batch equals the sum of its B·(M+1) per-pair updates taken from the same pre-batch state. Given the same G, every
/// kernel's update is bit-identical to <see cref="ScalarKernel"/>'s; only the dot products may round differently.
/// </para>
/// <para>
/// Returns the summed loss; a NaN or infinite dot product makes it non-finite (divergence detection relies on it).
/// Scratch: at least <see cref="BatchScratch.Floats"/>(Dim, M, largest B) floats.
/// </para>
/// </summary>
internal interface IBatchedSgnsKernel : ISgnsKernel
{
    float TrainBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha);

    /// <summary>
    /// <see cref="TrainBatches(in KernelContext, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, float)"/>
    /// on the first <paramref name="trained"/> batches only; the batches after them (the next sentence's, already
    /// drawn) are not trained but a kernel may request their rows while it trains the last ones, so a sentence's
    /// first batches do not start cold. Returns the trained batches' loss.
    /// </summary>
    float TrainFirstBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha, int trained) =>
        TrainBatches(context, contexts, offsets[..(trained + 1)], targets[..(trained * (negatives + 1))], negatives, alpha);

    /// <summary>
    /// Skip-gram's hierarchical softmax in batches (<see cref="LabeledBatches"/>): batch b's B contexts all predict
    /// the same T targets (a center word's Huffman path, distinct inner nodes, labels 1 − the code bits), trained in
    /// word2vec.c's order — context by context, each seeing the targets as the earlier contexts left them — but with
    /// the dots of a batch. From the pre-batch rows: F[i,k] = C_i·O_k and K[i,j] = C_i·C_j for j &lt; i (summed in
    /// any order). For i = 0..B−1 in order: f = F[i,k] + Σ_{j&lt;i} K[i,j]·G[j,k] (fused, in j order: C_i's dot with
    /// O_k after contexts 0..i−1 moved it), entry = <see cref="SigmoidTable.EntryOf"/>(f), G[i,k] = (label_k −
    /// σ[entry])·alpha, or 0 when <see cref="SigmoidTable.IsSaturated"/>(f) (word2vec.c skips that node for that
    /// context), loss += the positive table's loss where label_k is 1, the negative one's where 0, + 0·f. Then
    /// for every dimension j and target k in order, with o = O_k[j]: for i = 0..B−1, ΔC_i[j] = fma(G[i,k], o, ΔC_i[j])
    /// (from 0) and then o = fma(G[i,k], C_i[j], o); O_k[j] = o; and C_i[j] += ΔC_i[j] for i in order, so a
    /// repeated context receives both deltas (each from the pre-batch row; word2vec.c's would see the first). For
    /// distinct contexts this is <see cref="ISgnsKernel.TrainHidden"/>'s one-input examples in the same order, up to
    /// rounding. Given the same dots, every kernel's result is bit-identical to <see cref="ScalarKernel"/>'s. A batch
    /// with no context or no target changes nothing. Scratch: <see cref="PathBatchScratch.Floats"/> for the longest
    /// target list and the largest batch.
    /// </summary>
    float TrainLabeledBatches(in KernelContext context, in LabeledBatches batches, float alpha);
}

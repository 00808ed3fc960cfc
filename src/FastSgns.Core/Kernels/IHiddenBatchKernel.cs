namespace FastSgns.Kernels;

/// <summary>
/// CBOW with hierarchical softmax in batched mode: <see cref="ISgnsKernel.TrainHidden"/>'s examples (tree parts
/// only), taken <see cref="HiddenBatchScratch.Group"/> consecutive examples at a time. Within a group the hidden
/// vectors are all read from the input rows as they were before the group, and the input rows receive the group's
/// gradients after it, example by example; the tree rows are trained in word2vec.c's order (example by example,
/// each seeing the updates of the ones before it). The tree's top rows, which nearly every path crosses, are then read
/// once per group (the later examples' dots are corrected for the earlier updates) and written by the group's examples
/// one right after another, where word2vec.c's order reads and writes them once per example: with two threads such
/// rows can move between the cores at every example. Whether that pays is a two-thread measurement (bench/family.sh hs);
/// with one thread a group costs more than its examples in word2vec.c's order.
/// </summary>
internal interface IHiddenBatchKernel : ISgnsKernel
{
    /// <summary>
    /// Trains <paramref name="batch"/> (hierarchical softmax alone: node offsets given, no targets) group by group;
    /// returns the summed loss. The scratch must hold <see cref="HiddenBatchScratch.Floats"/> for the longest path.
    /// </summary>
    float TrainHiddenBatches(in KernelContext context, in HiddenBatch batch, float alpha);
}

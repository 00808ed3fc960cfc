namespace FastSgns.Kernels;

/// <summary>
/// CBOW with hierarchical softmax in batched mode: <see cref="ISgnsKernel.TrainHidden"/>'s examples (tree parts
/// only), taken <see cref="HiddenBatchScratch.Group"/> consecutive examples at a time. Within a group the hidden
/// vectors are all read from the input rows as they were before the group, and the input rows receive the group's
/// gradients after it, example by example; the tree rows are trained in word2vec.c's order (example by example,
/// each seeing the updates of the ones before it). So a group is one read and one write of the rows its examples
/// share, where word2vec.c's order reads and writes the tree's top rows, which nearly every path crosses, once per
/// example; with two threads those rows moved between the cores at every example.
/// </summary>
internal interface IHiddenBatchKernel : ISgnsKernel
{
    /// <summary>
    /// Trains <paramref name="batch"/> (hierarchical softmax alone: node offsets given, no targets) group by group;
    /// returns the summed loss. The scratch must hold <see cref="HiddenBatchScratch.Floats"/> for the longest path.
    /// </summary>
    float TrainHiddenBatches(in KernelContext context, in HiddenBatch batch, float alpha);
}

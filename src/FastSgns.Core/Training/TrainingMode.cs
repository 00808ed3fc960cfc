namespace FastSgns.Training;

/// <summary>How the trainer feeds the kernel (<c>--mode</c>).</summary>
public enum TrainingMode
{
    /// <summary>word2vec.c: every (context, center) pair draws its own M negatives and is applied on its own.</summary>
    Pairs,

    /// <summary>
    /// pWord2Vec: the B context words of a center word share the center word and M negatives drawn once for the
    /// window, and are applied together as small matrix products (<see cref="Kernels.IBatchedSgnsKernel"/>). With
    /// hierarchical softmax alone (no negatives) the B context words train together against the center word's
    /// Huffman path instead (<see cref="Kernels.IBatchedSgnsKernel.TrainLabeledBatches"/>).
    /// </summary>
    Batched,
}

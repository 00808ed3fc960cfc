using FastSgns.Embeddings;

namespace FastSgns.Training;

/// <summary>
/// Where a run that continues a saved model starts (<see cref="SgnsTrainer.Start"/>): the model's rows of both
/// matrices (rows added since are initialized as a fresh run initializes them), the position in the learning-rate
/// schedule and the workers' generators.
/// </summary>
internal sealed class TrainingStart
{
    /// <summary>Epochs of the schedule already done: the model's when its schedule continues, else 0.</summary>
    public required int Epoch { get; init; }

    /// <summary>The words the schedule has processed (its learning-rate position).</summary>
    public required long WordsProcessed { get; init; }

    /// <summary>The words an epoch must hold for the schedule to continue (the model's input); 0: any.</summary>
    public required long WordsPerEpoch { get; init; }

    /// <summary>The model's workers' generators, taken when the run has as many workers; else the seed's.</summary>
    public required ulong[] Generators { get; init; }

    /// <summary>
    /// Copies the model's rows into the first rows of the input and output matrices and, when the run has one, its
    /// tree matrix (hierarchical softmax; left at zero when the model's tree does not fit this run's, see the caller).
    /// </summary>
    public required Action<EmbeddingMatrix, EmbeddingMatrix, EmbeddingMatrix?> LoadRows { get; init; }

    /// <summary>Per id, the word's count in this run's text, for subsampling; null: the vocabulary's counts.</summary>
    public long[]? TextCounts { get; init; }
}

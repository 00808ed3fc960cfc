using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Ids;

namespace FastSgns.Training;

/// <summary>Continuing a saved model, stopping early within a schedule, and what a full model file needs at the end.</summary>
internal sealed partial class SgnsTrainer
{
    /// <summary>Start from a saved model instead of random vectors (null: afresh). Not combined with resuming a checkpoint.</summary>
    public TrainingStart? Start { get; init; }

    /// <summary>Hand the output matrix to the caller (<see cref="Output"/>) instead of freeing it, to save a full model.</summary>
    public bool KeepOutput { get; init; }

    /// <summary>After <see cref="Train"/> with <see cref="KeepOutput"/>: the output matrix (syn1neg), owned by the caller.</summary>
    public EmbeddingMatrix? Output { get; private set; }

    /// <summary>After <see cref="Train"/> with <see cref="KeepOutput"/> and hierarchical softmax: the tree matrix (syn1), owned by the caller.</summary>
    public EmbeddingMatrix? Tree { get; private set; }

    /// <summary>After <see cref="Train"/>: where the schedule stands (its Input is left for the caller to name).</summary>
    public ModelSchedule? Finished { get; private set; }

    /// <summary>The epoch the workers stop at: <see cref="TrainingOptions.StopAfterEpochs"/> when set, else the last.</summary>
    private int LastEpoch => _options.StopAfterEpochs > 0 ? _options.StopAfterEpochs : _options.Epochs;

    /// <summary>Worker t's generator: the model's when it had as many workers (one thread then continues exactly), else the seed's.</summary>
    private ulong Generator(int t) =>
        Start is { } start && start.Generators.Length == _options.Threads ? start.Generators[t] : _options.Seed + (ulong)t;

    /// <summary>
    /// Commits the zero-initialized matrices the workers will write before they start (see
    /// <see cref="EmbeddingMatrix.CommitPages"/>); an output matrix that Negative 0 leaves unused stays uncommitted.
    /// </summary>
    private void CommitTrained(EmbeddingMatrix output, EmbeddingMatrix? tree)
    {
        if (_options.Negative > 0)
        {
            output.CommitPages();
        }

        tree?.CommitPages();
    }

    /// <summary>Puts the model's rows over the fresh initialization, once the corpus is known to fit its schedule.</summary>
    private void LoadStart(EncodedCorpus corpus, EmbeddingMatrix input, EmbeddingMatrix output, EmbeddingMatrix? tree)
    {
        if (Start is not { } start)
        {
            return;
        }

        if (start.WordsPerEpoch > 0 && start.WordsPerEpoch != corpus.WordCount)
        {
            throw new InvalidDataException(
                $"The input holds {corpus.WordCount:N0} words of the vocabulary where the model's schedule ran on {start.WordsPerEpoch:N0}: it is not the text the model was trained on, so its schedule cannot continue on it.");
        }

        start.LoadRows(input, output, tree);
    }
}

using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Training;

namespace FastSgns;

/// <summary>
/// Full model files, for continued training: besides the word vectors they hold the output weights, the vocabulary
/// with its counts, the options that shaped the model and where its learning-rate schedule stands (the format is
/// MODEL-FORMAT.md). Save one with <see cref="SaveModel"/> from a model trained with
/// <see cref="TrainingRunSettings.KeepTrainingState"/> or loaded with <see cref="LoadModel"/>; train on from one with
/// <see cref="TrainingRunSettings.InitialModelPath"/>.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>The training state behind a full model; null for a model of word vectors only.</summary>
    private FullModel? _full;

    /// <summary>
    /// Whether <see cref="SaveModel"/> can write this model: true for a model loaded with <see cref="LoadModel"/> or
    /// trained with <see cref="TrainingRunSettings.KeepTrainingState"/>, false for word2vec vectors.
    /// </summary>
    public bool HasTrainingState => _full is not null;

    /// <summary>The options that shaped the model, as recorded with its training state; null without one.</summary>
    public TrainingOptions? TrainingOptions => _full?.Options;

    /// <summary>
    /// Writes the full model file atomically (temporary file, then rename), for training to continue from it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no training state (<see cref="HasTrainingState"/>).</exception>
    public void SaveModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        FullModel full = _full ?? throw new InvalidOperationException(
            "This model holds word vectors only; a full model comes from LoadModel or from training with TrainingRunSettings.KeepTrainingState.");
        using EmbeddingMatrix.Lease vectors = Vectors.Use();
        using EmbeddingMatrix.Lease output = full.Output.Use();
        using EmbeddingMatrix.Lease tree = full.Tree is { } syn1 ? syn1.Use() : default;
        full.Save(path, Vectors);
    }

    /// <summary>Reads a full model file written by <see cref="SaveModel"/> (or <c>fastsgns train --save-model</c>).</summary>
    /// <exception cref="InvalidDataException">The file is damaged, cut short or of another format version; the message names the file and where.</exception>
    public static SgnsModel LoadModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        (FullModel full, WordEmbeddings vectors) = FullModel.Load(path);
        return new SgnsModel(vectors) { _full = full };
    }

    /// <summary>The options recorded in a full model file, read without its matrices (to train on with them, changing some).</summary>
    /// <exception cref="InvalidDataException">The file is damaged, cut short or of another format version.</exception>
    public static TrainingOptions ReadModelOptions(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ModelOptions.FromFile(ModelFile.ReadHeader(path));
    }
}

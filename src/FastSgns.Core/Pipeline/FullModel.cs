using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Pipeline;

/// <summary>
/// What a model needs beyond its word vectors for training to continue from it: the options that shaped it, the
/// vocabulary with counts, where its schedule stands, the output matrix (syn1neg) and, with hierarchical softmax, the
/// tree matrix (syn1). Owns both.
/// </summary>
internal sealed class FullModel : IDisposable
{
    public required TrainingOptions Options { get; init; }

    public required Vocab Vocabulary { get; init; }

    public required ModelSchedule Schedule { get; init; }

    public required EmbeddingMatrix Output { get; init; }

    /// <summary>Hierarchical softmax's inner-node matrix (syn1, words − 1 rows); null without hierarchical softmax.</summary>
    public EmbeddingMatrix? Tree { get; init; }

    /// <summary>Writes the model file (<see cref="ModelFileFormat"/>) atomically, with <paramref name="input"/> as its word vectors.</summary>
    public void Save(string path, EmbeddingMatrix input) =>
        ModelFile.Save(path, ModelOptions.ToPairs(Options), Vocabulary, Schedule, input, Output, Tree);

    /// <summary>Reads a whole model file: the full model and, owned by the caller, its word vectors.</summary>
    public static (FullModel Model, WordEmbeddings Vectors) Load(string path)
    {
        ModelFile header = ModelFile.ReadHeader(path);
        TrainingOptions options = ModelOptions.FromFile(header);
        var input = new EmbeddingMatrix(header.Vocabulary.Count, header.Dim);
        var output = new EmbeddingMatrix(header.Vocabulary.Count, header.Dim);
        EmbeddingMatrix? tree = header.HasTree ? new EmbeddingMatrix(header.Vocabulary.Count - 1, header.Dim) : null;
        try
        {
            ModelFile read = ModelFile.ReadMatrices(path, input, output, tree);
            if (read.Vocabulary.Count != header.Vocabulary.Count || read.Dim != header.Dim || read.HasTree != header.HasTree)
            {
                throw new InvalidDataException($"{path}: the model file changed while it was read.");
            }

            var model = new FullModel { Options = options, Vocabulary = read.Vocabulary, Schedule = read.Schedule, Output = output, Tree = tree };
            return (model, new WordEmbeddings(read.Vocabulary.Words, input));
        }
        catch
        {
            input.Dispose();
            output.Dispose();
            tree?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Output.Dispose();
        Tree?.Dispose();
    }
}

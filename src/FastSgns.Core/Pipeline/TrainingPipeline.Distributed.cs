using FastSgns.Corpus;
using FastSgns.Distributed;
using FastSgns.Embeddings;
using FastSgns.Training;
using Vocab = FastSgns.Vocabulary.Vocab;

namespace FastSgns.Pipeline;

/// <summary>The pipeline as one rank of a distributed run: the same stages, each on this rank's shard and agreed with the others.</summary>
internal sealed partial class TrainingPipeline
{
    /// <summary>This process's part in a distributed run (MPI); null: the process trains alone.</summary>
    public DistributedTraining? Distributed { get; init; }

    /// <summary>
    /// Counts the shard and merges the counts (every rank gets the single-process vocabulary), encodes the shard and
    /// trains it with the model kept in step across ranks. The returned vectors are the same on every rank.
    /// </summary>
    private WordEmbeddings TrainFilesDistributed(IReadOnlyList<string> paths, DistributedTraining run, CancellationToken cancellation)
    {
        if (MaxVocabMemory > 0 || ReadVocabularyPath is not null || Checkpoints is not null)
        {
            string setting = MaxVocabMemory > 0 ? nameof(MaxVocabMemory) : ReadVocabularyPath is not null ? "ReadVocabulary" : "Checkpoint";
            throw new ArgumentException($"{setting} is not supported with distributed training yet.");
        }

        using CorpusFiles files = run.Agree(() => CorpusFiles.Open(paths, WorkDirectory, Log, cancellation), discard: f => f.Dispose());
        string source = string.Join(", ", paths);
        var counts = run.CountWords(files, options.Threads, cancellation);
        // The same table on every rank gives the same vocabulary, but only rank 0 saves it, and that can fail there alone.
        Vocab vocabulary = run.Agree(() => BuildVocabulary(counts, source));
        var trainer = new SgnsTrainer(options, vocabulary.Counts) { Vocabulary = vocabulary, Log = Log, Synchroniser = run.CreateSynchroniser(options.Threads) };
        return TrainEncoded(trainer, vocabulary, output => run.Encode(files, vocabulary, output, cancellation), () => files.TextBytes, cancellation);
    }
}

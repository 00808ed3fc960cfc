using FastSgns.Checkpoints;
using FastSgns.Corpus;
using FastSgns.IO;
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
        if (MaxVocabMemory > 0 || ReadVocabularyPath is not null || InitialModelPath is not null || options.Precision != TrainingPrecision.Fp32)
        {
            // Bf16: the synchroniser averages and exchanges float rows.
            string setting = MaxVocabMemory > 0 ? nameof(MaxVocabMemory) : ReadVocabularyPath is not null ? "ReadVocabulary"
                : InitialModelPath is not null ? "InitialModel" : $"{nameof(TrainingOptions.Precision)} {options.Precision}";
            throw new ArgumentException($"{setting} is not supported with distributed training yet.");
        }

        _checkpointBefore = Checkpoints is null ? FileStatus.Missing : FileStatus.Of(Checkpoints.Path);
        if (Checkpoints is { Resume: true } resume)
        {
            // Checked by every rank before any work, so a checkpoint of another rank count fails alike everywhere.
            run.Agree(() => CheckRanks(resume.Path, run.World.Size));
        }

        using CorpusFiles files = run.Agree(() => CorpusFiles.Open(paths, WorkDirectory, Log, cancellation), discard: f => f.Dispose());
        // A checkpoint resumes a job of the same inputs, options and number of ranks (the shards and worker slices).
        IReadOnlyList<KeyValuePair<string, string>> identity =
        [
            .. PipelineIdentity.Of(options.MinCount, options.MaxVocab, MaxVocabMemory, ReadVocabularyPath, PipelineIdentity.Names(files.Paths), files.Bytes),
            new("Ranks", run.World.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        string source = string.Join(", ", paths);
        var counts = run.CountWords(files, options.Threads, cancellation);
        // The same table on every rank gives the same vocabulary, but only rank 0 saves it, and that can fail there alone.
        Vocab vocabulary = run.Agree(() => BuildVocabulary(counts, source));
        var trainer = new SgnsTrainer(options, vocabulary.Counts)
        {
            Vocabulary = vocabulary, Log = Log, Synchroniser = run.CreateSynchroniser(options.Threads),
            Checkpoints = Checkpoints, RunIdentity = identity, KeepOutput = KeepModel,
        };
        return TrainEncoded(trainer, vocabulary, output => run.Encode(files, vocabulary, output, cancellation), () => files.TextBytes, cancellation);
    }

    /// <summary>A checkpoint resumes a job of as many ranks as wrote it (their shards and worker slices are in it).</summary>
    private static bool CheckRanks(string path, int ranks)
    {
        string? saved = CheckpointHeader.Read(path).Identity.FirstOrDefault(p => p.Key == "Ranks").Value;
        return saved == ranks.ToString(System.Globalization.CultureInfo.InvariantCulture) ? true
            : saved is null ? throw new InvalidDataException($"{path}: the checkpoint was written by a single process, not a distributed job; resume it in one process, without mpirun.")
            : throw new InvalidDataException($"{path}: the checkpoint was written by a job of {saved} ranks; resume it with mpirun -np {saved} (this job has {ranks}).");
    }
}

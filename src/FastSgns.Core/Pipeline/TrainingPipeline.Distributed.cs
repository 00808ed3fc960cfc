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
        if (MaxVocabMemory > 0 || ReadVocabularyPath is not null || InitialModelPath is not null)
        {
            string setting = MaxVocabMemory > 0 ? nameof(MaxVocabMemory) : ReadVocabularyPath is not null ? "ReadVocabulary" : "InitialModel";
            throw new ArgumentException($"{setting} is not supported with distributed training yet.");
        }

        _checkpointBefore = Checkpoints is null ? FileStatus.Missing : FileStatus.Of(Checkpoints.Path);
        run.Shards = run.World.Size;
        if (Checkpoints is { Resume: true } resume)
        {
            // Checked by every rank before any work, so a checkpoint of another layout fails alike everywhere.
            run.Shards = run.Agree(() => CheckRanks(resume.Path, run.World.Size, options.Threads));
        }

        using CorpusFiles files = run.Agree(() => CorpusFiles.Open(paths, WorkDirectory, Log, cancellation), discard: f => f.Dispose());
        // A checkpoint resumes a job of the same inputs, options and number of ranks (the shards and worker slices).
        IReadOnlyList<KeyValuePair<string, string>> identity =
        [
            .. PipelineIdentity.Of(options.MinCount, options.MaxVocab, MaxVocabMemory, ReadVocabularyPath, PipelineIdentity.Names(files.Paths), files.Bytes),
            new("Ranks", run.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture)),
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

    /// <summary>
    /// The shards of the job that wrote a checkpoint, which this job of <paramref name="ranks"/> ranks × <paramref name="threads"/>
    /// threads resumes: a checkpoint holds every worker's slice, epoch, position and generator over the shards of the
    /// ranks that wrote it (N ranks × T threads), so any M ranks that divide N can take N / M consecutive shards each
    /// with T·N/M threads, every worker taking one slice back where it stopped. More ranks than wrote it would cut a
    /// shard, and another count of workers a slice: both are refused with what would work.
    /// </summary>
    private static int CheckRanks(string path, int ranks, int threads)
    {
        IReadOnlyList<KeyValuePair<string, string>> identity = CheckpointHeader.Read(path).Identity;
        string? saved = identity.FirstOrDefault(p => p.Key == "Ranks").Value;
        string? savedThreads = identity.FirstOrDefault(p => p.Key == nameof(options.Threads)).Value;
        if (saved is null)
        {
            throw new InvalidDataException($"{path}: the checkpoint was written by a single process, not a distributed job; resume it in one process, without mpirun.");
        }

        var c = System.Globalization.CultureInfo.InvariantCulture;
        int shards = int.Parse(saved, c);
        int each = int.TryParse(savedThreads, c, out int t) ? t : threads;
        if (shards == ranks || (shards % ranks == 0 && threads == each * (shards / ranks)))
        {
            return shards;
        }

        string ways = string.Join(", ", Enumerable.Range(1, shards).Where(m => shards % m == 0).Select(m => $"{m} × {each * (shards / m)}"));
        throw new InvalidDataException($"{path}: the checkpoint was written by a job of {shards} ranks × {each} thread(s); resume it on ranks × threads " +
                                       $"{ways} (its {shards * each} workers over whole shards; this job has {ranks} × {threads}).");
    }
}

using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Kernels;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// Everything one worker trains with, decided by the trainer before the threads start: the kernel (and, in batched
/// mode, its batched face), the tables, the matrices, the samplers, the options it needs, its slice of the corpus and
/// where in it to start. The trainer fills the shared parts once and gives each thread a copy with its own slice.
/// </summary>
internal sealed record WorkerPlan
{
    public required int Id { get; init; }

    public required EncodedCorpus Corpus { get; init; }

    /// <summary>First id of the slice, a sentence start.</summary>
    public required long Start { get; init; }

    /// <summary>End of the slice (exclusive).</summary>
    public required long End { get; init; }

    /// <summary>Where to start: the slice start with the thread's seed, or a checkpoint's position and generator.</summary>
    public required WorkerState From { get; init; }

    public required ISgnsKernel Kernel { get; init; }

    /// <summary>The same kernel as <see cref="Kernel"/> in batched mode; null in pairs mode.</summary>
    public required IBatchedSgnsKernel? BatchedKernel { get; init; }

    public required EmbeddingMatrix Input { get; init; }

    public required EmbeddingMatrix Output { get; init; }

    /// <summary>Hierarchical softmax's inner-node vectors (syn1); null without it.</summary>
    public EmbeddingMatrix? Tree { get; init; }

    /// <summary>The Huffman codes of the vocabulary; null without hierarchical softmax.</summary>
    public HuffmanTree? Huffman { get; init; }

    /// <summary>CBOW (the context words' mean or sum predicts the center word) instead of skip-gram.</summary>
    public bool Cbow { get; init; }

    /// <summary>CBOW's hidden vector is the mean of the context vectors, not their sum.</summary>
    public bool CbowMean { get; init; } = true;

    /// <summary><see cref="TrainingOptions.GensimCbow"/>: negatives equal to the center kept for the kernel to skip, saturated output rows skipped.</summary>
    public bool GensimCbow { get; init; }

    public required SigmoidTable Sigmoid { get; init; }

    public required Subsampler Subsampler { get; init; }

    public required NegativeSampler Negatives { get; init; }

    public required int Window { get; init; }

    public required int NegativeCount { get; init; }

    /// <summary>Rows of each matrix the worker trains in private copies (<see cref="Training.HotRows"/>); 0: none.</summary>
    public int HotRows { get; init; }

    public required int SharedNegatives { get; init; }

    public required int Epochs { get; init; }

    /// <summary>
    /// With checkpoints, a pause or a cancellation parks the worker at a sentence boundary for the coordinator;
    /// without, cancellation just stops it.
    /// </summary>
    public required bool Checkpointing { get; init; }

    /// <summary>Test hook: once this many words are processed (0: never), the run stops as if cancelled.</summary>
    public required long StopAfterWords { get; init; }

    public required SharedState Shared { get; init; }

    /// <summary>
    /// Where the worker stands and where its last epoch is cut short (<see cref="WorkerTail"/>): a distributed run's
    /// handover or another worker of this process (<see cref="WorkerBalance"/>); null with one thread alone.
    /// </summary>
    public WorkerTail? Tail { get; init; }

    public required CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Test hook: called after each sentence read with the worker's id, the epoch and the ids [from, to) read (a test
    /// slows one worker down with it and counts how often each id is trained).
    /// </summary>
    public Action<int, int, long, long>? SentenceHook { get; init; }
}

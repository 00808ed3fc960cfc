namespace FastSgns.Training;

/// <summary>Hyper-parameters of a run. Defaults follow word2vec.c's (with skip-gram as the model).</summary>
public sealed record TrainingOptions
{
    /// <summary>Vector size (1 to 10,000).</summary>
    public int Dim { get; init; } = 100;

    /// <summary>Maximum distance between a center word and a context word, shrunk at random per center word as in word2vec.c.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Negative samples per pair, drawn from the unigram distribution raised to <see cref="NsExponent"/>; 0 (only with <see cref="HierarchicalSoftmax"/>) for none.</summary>
    public int Negative { get; init; } = 5;

    /// <summary>Skip-gram (the default) or CBOW.</summary>
    public TrainingModel Model { get; init; } = TrainingModel.SkipGram;

    /// <summary>CBOW only: the hidden vector is the mean of the context vectors (word2vec.c, the default), or their sum when false.</summary>
    public bool CbowMean { get; init; } = true;

    /// <summary>
    /// Hierarchical softmax over a Huffman tree of the vocabulary (word2vec.c's <c>-hs 1</c>), for either model, with
    /// <see cref="Negative"/> negatives as well or, with Negative 0, alone.
    /// </summary>
    public bool HierarchicalSoftmax { get; init; }

    /// <summary>
    /// The exponent of the unigram distribution negatives are drawn from (gensim's <c>ns_exponent</c>): 0.75 as in
    /// word2vec.c, 1 draws words as often as they occur, 0 draws every word alike, negative values favour rare words.
    /// </summary>
    public double NsExponent { get; init; } = 0.75;

    /// <summary>Subsampling threshold; 1e-3 like word2vec.c, 1e-4 or lower recommended for large corpora; 0 turns it off.</summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary>Words seen fewer times are dropped from the vocabulary.</summary>
    public long MinCount { get; init; } = 5;

    /// <summary>Keep at most this many of the most frequent words; 0 means no limit.</summary>
    public int MaxVocab { get; init; }

    /// <summary>Passes over the corpus; the learning rate decays linearly over all of them.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>
    /// Train only the first this many of the <see cref="Epochs"/> (0: all of them). The learning rate decays as for all
    /// <see cref="Epochs"/>, so a model saved after them continues the same schedule when trained further
    /// (the facade's <c>TrainingRunSettings.InitialModelPath</c>).
    /// </summary>
    public int StopAfterEpochs { get; init; }

    /// <summary>
    /// Starting learning rate, decayed linearly to Alpha·1e-4 (CBOW with negatives: to Alpha/10, <see cref="AlphaEnd"/>).
    /// Unless set: 0.025 for skip-gram (word2vec.c's), 0.05 for CBOW with hierarchical softmax alone (word2vec.c's),
    /// and for CBOW with negatives 0.075 at 1 epoch down to 0.05 (gensim's) at 5 epochs and more, linearly in between
    /// (<see cref="CbowNegativeAlpha"/>).
    /// </summary>
    public float Alpha
    {
        get => _alpha ?? (Model != TrainingModel.Cbow ? 0.025f : Negative > 0 ? CbowNegativeAlpha(Epochs) : 0.05f);
        init => _alpha = value;
    }

    /// <summary>
    /// CBOW with negatives' default starting rate for a run of <paramref name="epochs"/>: 0.075 for one, 0.05 from five
    /// on, linear in between. Measured at the two ends on wiki40m (2 threads, the rate ending at Alpha/10): at 1 epoch
    /// 0.075 scored 4–5 points of analogies above 0.05; at 5 epochs 0.05 scored 1.1–1.4 points above 0.075 (0.075 inflated
    /// the rarer words' vectors and cost the syntactic sections), bench/results/cbow-quality-2026-11-29-eve.md.
    /// </summary>
    internal static float CbowNegativeAlpha(int epochs) => epochs <= 1 ? 0.075f : epochs >= 5 ? 0.05f : 0.05f + 0.025f * (5 - epochs) / 4;

    private readonly float? _alpha;

    /// <summary>
    /// Where the linear decay of the learning rate ends, as a fraction of <see cref="Alpha"/>: 0.1 for CBOW with
    /// negatives, 0 (word2vec.c's decay to Alpha·1e-4) otherwise. Derived from the model, so a checkpoint or a
    /// continued model runs the same schedule. It is where gensim corpus_file's schedule ends at 5 epochs with 2 workers;
    /// CBOW with negatives learned more with it in 9 of 10 pairs on wiki10m and wiki40m at 1 and 5 epochs
    /// (bench/results/cbow-quality-2026-11-29-pm.md, cbow-quality-2026-11-29-eve.md).
    /// </summary>
    internal float AlphaEnd => GensimCbow ? 0.1f : 0f;

    /// <summary>
    /// CBOW with negatives trains as gensim's CBOW inner loop does where it differs from word2vec.c's: the input rows
    /// start uniform in [−1, 1)/dim instead of [−0.5, 0.5)/dim (<see cref="InitialWidth"/>); an output row whose dot
    /// lies outside (−MaxExp, MaxExp) moves nothing, nor the hidden vector (<see cref="Kernels.HiddenBatch.GensimTargets"/>);
    /// a negative equal to the center word is skipped, as gensim and word2vec.c both do, not redrawn. Each alone moved
    /// 5-epoch accuracy on wiki40m by less than the seeds do; the three together, with the rate of
    /// <see cref="AlphaEnd"/>, took the gap to gensim from 1.12 to 0.35 points (seeds 1–5;
    /// bench/results/cbow-switches-2026-11-29-eve.md, cbow-gensim-loop-2026-11-29-late.md).
    /// Skip-gram and CBOW with hierarchical softmax alone keep word2vec.c's loop.
    /// </summary>
    internal bool GensimCbow => Model == TrainingModel.Cbow && Negative > 0;

    /// <summary>The input matrix's initial range in units of 1/dim, centred on 0: 2 for <see cref="GensimCbow"/>, 1 (word2vec.c's) otherwise.</summary>
    internal float InitialWidth => GensimCbow ? 2f : 1f;

    /// <summary>
    /// Lock-free (Hogwild) worker threads, each on its own slice of the corpus (a thread that is done takes half of what
    /// the busiest one has left of its last epoch); more than one makes runs differ.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Training alone with several threads, a worker that is done takes half of the busiest one's rest when that half
    /// is at least this many ids (<see cref="WorkerBalance"/>): about 40 ms of one thread's work. Lowered by tests.
    /// </summary>
    internal long MoveMinimumIds { get; init; } = 1 << 16;

    /// <summary>Test hook: called after each sentence a worker reads with its id, the epoch and the ids [from, to) read.</summary>
    internal Action<int, int, long, long>? WorkerSentenceHook { get; init; }

    /// <summary>Random seed; with one thread the vectors are bit-identical run after run for a given kernel.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// auto, scalar, avx2, avx512 or native; auto (or the FASTSGNS_KERNEL variable) picks the fastest managed kernel
    /// this machine runs. A kernel that is unknown or cannot run here is an error, never a silent fallback.
    /// </summary>
    public string Kernel { get; init; } = "auto";

    /// <summary>Pairs (word2vec.c, the default) or Batched (shared negatives per window, as pWord2Vec; skip-gram with negatives, or with hierarchical softmax alone).</summary>
    public TrainingMode Mode { get; init; } = TrainingMode.Pairs;

    /// <summary>Batched mode only: consecutive center words that share one draw of negatives (1 = one draw per window).</summary>
    public int SharedNegatives { get; init; } = 1;

    /// <summary>Entries of the sigmoid table (word2vec.c: 1000).</summary>
    public int SigmoidTableSize { get; init; } = Kernels.SigmoidTable.DefaultSize;

    /// <summary>The table covers [−SigmoidMaxExp, SigmoidMaxExp] (word2vec.c: 6); outside it the sigmoid is taken as 0 or 1.</summary>
    public float SigmoidMaxExp { get; init; } = Kernels.SigmoidTable.DefaultMaxExp;

    /// <summary>Throws <see cref="TrainingOptionsException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Dim is >= 1 and <= 10_000, nameof(Dim), Dim, "between 1 and 10000");
        Require(Window is >= 1 and <= 1_000, nameof(Window), Window, "between 1 and 1000");
        Require(Negative is >= 0 and <= 1_000, nameof(Negative), Negative, "between 0 and 1000");
        Require(Negative >= 1 || HierarchicalSoftmax, nameof(Negative), Negative, "at least 1 unless hierarchical softmax is on");
        Require(Enum.IsDefined(Model), nameof(Model), Model, "SkipGram or Cbow");
        Require(double.IsFinite(NsExponent) && NsExponent is >= -10 and <= 10, nameof(NsExponent), NsExponent, "between -10 and 10");
        Require(Sample is >= 0 and < 1, nameof(Sample), Sample, "in [0, 1)");
        Require(MinCount >= 1, nameof(MinCount), MinCount, "at least 1");
        Require(MaxVocab >= 0, nameof(MaxVocab), MaxVocab, "0 (no limit) or positive");
        Require(Epochs is >= 1 and <= 100_000, nameof(Epochs), Epochs, "between 1 and 100000");
        Require(StopAfterEpochs >= 0 && StopAfterEpochs <= Epochs, nameof(StopAfterEpochs), StopAfterEpochs, $"0 (all) or at most the {Epochs} epochs");
        Require(Alpha > 0 && float.IsFinite(Alpha) && Alpha <= 10, nameof(Alpha), Alpha, "in (0, 10]");
        Require(Threads is >= 1 and <= 1024, nameof(Threads), Threads, "between 1 and 1024");
        Require(Enum.IsDefined(Mode), nameof(Mode), Mode, "Pairs or Batched");
        Require(Kernels.KernelRegistry.IsKnown(Kernel), nameof(Kernel), $"\"{Kernel}\"", $"one of {string.Join(", ", Kernels.KernelRegistry.Names)}");
        Require(Mode == TrainingMode.Pairs || (Model == TrainingModel.SkipGram && (!HierarchicalSoftmax || Negative == 0)), nameof(Mode), Mode,
            "Pairs with CBOW or with hierarchical softmax plus negatives (the batched mode is skip-gram with negative sampling or with hierarchical softmax alone)");
        Require(SharedNegatives is >= 1 and <= 1_000, nameof(SharedNegatives), SharedNegatives, "between 1 and 1000");
        Require(SigmoidTableSize is >= 2 and <= 1 << 24, nameof(SigmoidTableSize), SigmoidTableSize, "between 2 and 16777216");
        Require(SigmoidMaxExp > 0 && float.IsFinite(SigmoidMaxExp), nameof(SigmoidMaxExp), SigmoidMaxExp, "positive");
    }

    private static void Require(bool ok, string option, object value, string range)
    {
        if (!ok)
        {
            throw new TrainingOptionsException(option, $"must be {range}, got {value}.");
        }
    }
}

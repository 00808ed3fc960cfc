using BenchmarkDotNet.Attributes;
using FastSgns.Embeddings;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Benchmarks;

/// <summary>
/// Each kernel's <see cref="ISgnsKernel.TrainHidden"/> (CBOW, and hierarchical softmax for either model) on the
/// examples a worker hands it: drawn by the trainer's own <see cref="HiddenGenerator"/> from Zipf-like sentences over a
/// 30,000-word vocabulary (window 5), with its negative sampler and Huffman tree built from the same counts. Exactly
/// <see cref="ExamplesPerCall"/> examples per call, 32 calls in rotation; Op/s is examples per second (a CBOW center
/// word, or one skip-gram (context, center) pair). The kernels are the registry's, native ones included, chosen as in
/// <see cref="KernelBench"/>, so the scalar reference, the vector kernels and the C kernel are measured side by side.
/// </summary>
[Config(typeof(OperationsPerSecondConfig))]
public unsafe class HiddenKernelBench
{
    private const int ExamplesPerCall = 512;
    private const int Calls = 32;
    private const int Window = 5;
    private const int SentenceLength = 1000;
    private const float Alpha = 0.05f;

    private EmbeddingMatrix? _input;
    private EmbeddingMatrix? _output;
    private EmbeddingMatrix? _tree;
    private SigmoidTable? _table;
    private KernelWorkspace? _scratch;
    private ISgnsKernel _kernel = new ScalarKernel();
    private KernelContext _context;
    private Call[] _calls = [];
    private int _call;

    /// <summary>
    /// The three shapes #15's models train: CBOW with negatives (gensim's target rule, as the trainer runs it), CBOW
    /// with the tree alone, skip-gram with the tree alone.
    /// </summary>
    public enum HiddenShape
    {
        CbowNegatives,
        CbowTree,
        SkipGramTree,
    }

    public static IEnumerable<string> Kernels => BenchKernels.Names();

    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "scalar";

    [Params(100, 300)]
    public int Dim { get; set; }

    [ParamsAllValues]
    public HiddenShape Shape { get; set; }

    /// <summary>Rows in each matrix: 30,000 (12 MB at dim 100, beyond L2) makes rows come from L3 as in training.</summary>
    [Params(30_000)]
    public int Vocabulary { get; set; } = 30_000;

    private bool UsesNegatives => Shape == HiddenShape.CbowNegatives;

    [GlobalSetup]
    public void Setup()
    {
        var counts = new long[Vocabulary];
        for (int word = 0; word < counts.Length; word++)
        {
            counts[word] = 10_000_000L / (word + 1) + 1; // Zipf: what a sorted vocabulary's counts look like
        }

        var sampler = new NegativeSampler(counts);
        HuffmanTree? huffman = UsesNegatives ? null : new HuffmanTree(counts);
        var examples = new HiddenGenerator(sampler, huffman, Window, UsesNegatives ? 5 : 0, cbow: Shape != HiddenShape.SkipGramTree, gensimTargets: UsesNegatives);

        _input = new EmbeddingMatrix(Vocabulary, Dim);
        _output = new EmbeddingMatrix(Vocabulary, Dim);
        _tree = new EmbeddingMatrix(Vocabulary - 1, Dim);
        _input.InitializeUniform(1);
        _output.InitializeUniform(2);
        _tree.InitializeUniform(3);
        _table = new SigmoidTable();
        _kernel = KernelRegistry.Resolve(Kernel);
        _scratch = KernelWorkspace.ForHidden(Dim, examples.Rows);
        // EmbeddingMatrix rows, zero-padded as in training: the kernels may run whole vectors over the padding.
        _context = new KernelContext(_input.Pointer, _input.Stride, _output.Pointer, _output.Stride, Dim, _table, _scratch)
        {
            Tree = _tree.Pointer,
            ZeroPadding = true,
        };

        var random = new Random(42);
        var lcg = new Lcg(42);
        var sentence = new int[SentenceLength];
        _calls = new Call[Calls];
        for (int c = 0; c < Calls; c++)
        {
            for (int i = 0; i < sentence.Length; i++)
            {
                sentence[i] = ZipfIds.Draw(random, Vocabulary); // density 1/rank, as the counts
            }

            int center = 0;
            int count = examples.Generate(sentence, ref center, ref lcg);
            if (count < ExamplesPerCall)
            {
                throw new InvalidOperationException($"A {SentenceLength}-word sentence gave {count} examples; the benchmark needs {ExamplesPerCall}.");
            }

            _calls[c] = Call.First(examples, ExamplesPerCall, huffman is not null);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input?.Dispose();
        _output?.Dispose();
        _tree?.Dispose();
        _table?.Dispose();
        _scratch?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = ExamplesPerCall)]
    public float TrainHidden()
    {
        Call call = _calls[_call];
        _call = (_call + 1) % Calls;
        var batch = new HiddenBatch
        {
            Inputs = call.Inputs,
            InputOffsets = call.InputOffsets,
            Nodes = call.Nodes,
            NodeLabels = call.NodeLabels,
            NodeOffsets = call.NodeOffsets,
            Targets = call.Targets,
            Negatives = UsesNegatives ? 5 : 0,
            Mean = true,
            GensimTargets = UsesNegatives,
        };
        return _kernel.TrainHidden(_context, batch, Alpha);
    }

    /// <summary>
    /// The FMA peak for the same work (timed turn about with the kernel: <c>ratios HiddenKernelBench Peak@K
    /// TrainHidden@K</c>): <see cref="FlopsPerCall"/> in independent register chains on the widest vector.
    /// </summary>
    [Benchmark(OperationsPerInvoke = ExamplesPerCall)]
    public float Peak() => FmaPeak.Run(FlopsPerCall);

    /// <summary>
    /// The flops of the 32 calls' average call, counted as the skip-gram benchmarks count them: 6·Dim per output or
    /// tree row (the dot, the hidden vector's gradient, the row's update: an FMA per element each) and 2·Dim per input
    /// row (its share of the hidden sum and its update).
    /// </summary>
    public long FlopsPerCall
    {
        get
        {
            long flops = 0;
            foreach (Call call in _calls)
            {
                flops += 6L * Dim * (call.Targets.Length + call.Nodes.Length) + 2L * Dim * call.Inputs.Length;
            }

            return _calls.Length == 0 ? 0 : flops / _calls.Length;
        }
    }

    /// <summary>One call's examples, copied out of the generator's reused buffers.</summary>
    private sealed record Call(int[] Inputs, int[] InputOffsets, int[] Nodes, float[] NodeLabels, int[] NodeOffsets, int[] Targets)
    {
        public static Call First(HiddenGenerator g, int examples, bool tree)
        {
            int inputs = g.InputOffsets[examples];
            int nodes = tree ? g.NodeOffsets[examples] : 0;
            return new Call(
                g.Inputs[..inputs],
                g.InputOffsets[..(examples + 1)],
                g.Nodes[..nodes],
                g.NodeLabels[..nodes],
                tree ? g.NodeOffsets[..(examples + 1)] : [],
                g.Targets.Length == 0 ? [] : g.Targets[..(examples * (g.Negatives + 1))]);
        }
    }
}

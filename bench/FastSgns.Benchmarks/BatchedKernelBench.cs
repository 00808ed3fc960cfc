using BenchmarkDotNet.Attributes;
using FastSgns.Embeddings;
using FastSgns.Kernels;

namespace FastSgns.Benchmarks;

/// <summary>
/// Each batched kernel's TrainBatches on one sentence's worth of shared-negative batches, as a worker calls it:
/// exactly 1024 (context, center) pairs per call in batches of B = 2·(window − shrink) ∈ {2, 4, 6, 8, 10} (window 5),
/// 30k-row matrices, Zipf-like ids, 32 calls in rotation. Op/s is pairs per second, as in <see cref="KernelBench"/>;
/// the baseline is the same pairs through the same kernel's per-pair mode (own negatives per pair), so the ratio is
/// the kernel-level speed-up of batched mode. One pair costs about 6·(M+1)·Dim flops in either mode. The kernels are
/// the registry's batched ones, chosen as in <see cref="KernelBench"/>.
/// </summary>
[Config(typeof(OperationsPerSecondConfig))]
public unsafe class BatchedKernelBench
{
    private const int PairsPerCall = 1024;
    private const int Calls = 32;
    private const int Window = 5;
    private const float Alpha = 0.025f;

    private EmbeddingMatrix? _input;
    private EmbeddingMatrix? _output;
    private SigmoidTable? _table;
    private KernelWorkspace? _scratch;
    private IBatchedSgnsKernel _kernel = new ScalarKernel();
    private KernelContext _context;
    private int[] _contexts = [];
    private int[][] _offsets = [];
    private int[][] _targets = [];
    private int[] _pairTargets = [];
    private int _call;

    public static IEnumerable<string> Kernels => BenchKernels.Names(k => k is IBatchedSgnsKernel);

    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "scalar";

    [Params(100, 300)]
    public int Dim { get; set; }

    [Params(5, 15)]
    public int Negatives { get; set; }

    /// <summary>
    /// Rows in each matrix. 30,000 (12 MB at dim 100, beyond L2) makes rows come from L3 as in training; a small
    /// count (e.g. 1,000: every row in L2) shows what the kernel does when rows are near, its compute ceiling.
    /// </summary>
    [Params(30_000)]
    public int Vocabulary { get; set; } = 30_000;

    [GlobalSetup]
    public void Setup()
    {
        _input = new EmbeddingMatrix(Vocabulary, Dim);
        _output = new EmbeddingMatrix(Vocabulary, Dim);
        _input.InitializeUniform(1);
        _output.InitializeUniform(2);
        _table = new SigmoidTable();
        _kernel = (IBatchedSgnsKernel)KernelRegistry.Resolve(Kernel);
        _scratch = KernelWorkspace.ForBatches(Dim, Negatives, 2 * Window);
        // EmbeddingMatrix rows, zero-padded as in training: the kernels may run whole vectors over the padding.
        _context = new KernelContext(_input.Pointer, _input.Stride, _output.Pointer, _output.Stride, Dim, _table, _scratch) { ZeroPadding = true };

        int rows = Negatives + 1;
        var random = new Random(42);
        _contexts = new int[Calls * PairsPerCall];
        for (int i = 0; i < _contexts.Length; i++)
        {
            _contexts[i] = ZipfIds.Draw(random, Vocabulary);
        }

        _offsets = new int[Calls][];
        _targets = new int[Calls][];
        for (int call = 0; call < Calls; call++)
        {
            var offsets = new List<int> { 0 };
            while (offsets[^1] < PairsPerCall)
            {
                int batch = 2 * (Window - random.Next(Window));
                offsets.Add(Math.Min(PairsPerCall, offsets[^1] + batch));
            }

            _offsets[call] = [.. offsets];
            _targets[call] = new int[(offsets.Count - 1) * rows];
            for (int i = 0; i < _targets[call].Length; i++)
            {
                _targets[call][i] = ZipfIds.Draw(random, Vocabulary);
            }
        }

        _pairTargets = new int[_contexts.Length * rows];
        for (int i = 0; i < _pairTargets.Length; i++)
        {
            _pairTargets[i] = ZipfIds.Draw(random, Vocabulary);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input?.Dispose();
        _output?.Dispose();
        _table?.Dispose();
        _scratch?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PairsPerCall)]
    public float Pairs()
    {
        int call = Next();
        int rows = Negatives + 1;
        return _kernel.TrainPairs(_context, _contexts.AsSpan(call * PairsPerCall, PairsPerCall),
            _pairTargets.AsSpan(call * PairsPerCall * rows, PairsPerCall * rows), Negatives, Alpha);
    }

    [Benchmark(OperationsPerInvoke = PairsPerCall)]
    public float Batched()
    {
        int call = Next();
        return _kernel.TrainBatches(_context, _contexts.AsSpan(call * PairsPerCall, PairsPerCall), _offsets[call], _targets[call], Negatives, Alpha);
    }

    private int Next()
    {
        int call = _call;
        _call = (call + 1) % Calls;
        return call;
    }

    /// <summary>
    /// The FMA peak for the same work: as many flops as one call of the kernel does, 6·(M+1)·Dim per pair (the dot,
    /// the input's gradient and the target's update, each an FMA per element), in independent register chains on the
    /// widest vector. Timed turn about with the kernel (<c>ratios BatchedKernelBench Peak@K METHOD@K</c>), it gives the kernel's
    /// fraction of the peak at this shape.
    /// </summary>
    [Benchmark(OperationsPerInvoke = PairsPerCall)]
    public float Peak() => FmaPeak.Run(FlopsPerCall);

    /// <summary>
    /// <see cref="Peak"/>'s flops on 256-bit vectors: <c>ratios BatchedKernelBench Peak Peak256</c> measures whether
    /// this core's 512-bit FMAs do more flops per second than its 256-bit ones (<see cref="FmaPeak.Run256"/>).
    /// </summary>
    [Benchmark(OperationsPerInvoke = PairsPerCall)]
    public float Peak256() => FmaPeak.Run256(FlopsPerCall);

    /// <summary>Floating-point operations in one call: 6·(M+1)·Dim per pair.</summary>
    public long FlopsPerCall => 6L * (Negatives + 1) * Dim * PairsPerCall;
}

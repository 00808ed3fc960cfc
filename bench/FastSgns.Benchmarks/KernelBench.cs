using BenchmarkDotNet.Attributes;
using FastSgns.Embeddings;
using FastSgns.Kernels;

namespace FastSgns.Benchmarks;

/// <summary>
/// Each kernel's TrainPairs on batches of 1024 pairs, as a worker calls it: 30k-row input and output matrices (so rows
/// come from L2/L3 as in training), Zipf-like ids, several batches in rotation. Op/s is pairs per second. The kernels
/// are the registry's (native ones included) that this machine can run, or those named in
/// <see cref="BenchKernels.EnvironmentVariable"/>.
/// </summary>
[Config(typeof(OperationsPerSecondConfig))]
public unsafe class KernelBench
{
    private const int PairsPerBatch = 1024;
    private const int Batches = 32;
    private const float Alpha = 0.025f;

    private EmbeddingMatrix? _input;
    private EmbeddingMatrix? _output;
    private SigmoidTable? _table;
    private KernelWorkspace? _scratch;
    private ISgnsKernel _kernel = new ScalarKernel();
    private KernelContext _context;
    private int[] _inputs = [];
    private int[] _targets = [];
    private int _batch;

    public static IEnumerable<string> Kernels => BenchKernels.Names();

    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "scalar";

    [Params(50, 100, 300)]
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
        _kernel = KernelRegistry.Resolve(Kernel);
        _scratch = KernelWorkspace.ForPairs(Dim, Negatives);
        _context = new KernelContext(_input.Pointer, _input.Stride, _output.Pointer, _output.Stride, Dim, _table, _scratch);

        // Log-uniform ids: frequency falls like 1/rank, roughly as words (and unigram^0.75 negatives) do.
        var random = new Random(42);
        _inputs = new int[Batches * PairsPerBatch];
        _targets = new int[_inputs.Length * (Negatives + 1)];
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = ZipfIds.Draw(random, Vocabulary);
        }

        for (int i = 0; i < _targets.Length; i++)
        {
            _targets[i] = ZipfIds.Draw(random, Vocabulary);
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

    [Benchmark(OperationsPerInvoke = PairsPerBatch)]
    public float TrainPairs()
    {
        int batch = _batch;
        _batch = (batch + 1) % Batches;
        int rows = Negatives + 1;
        return _kernel.TrainPairs(_context,
            _inputs.AsSpan(batch * PairsPerBatch, PairsPerBatch),
            _targets.AsSpan(batch * PairsPerBatch * rows, PairsPerBatch * rows),
            Negatives, Alpha);
    }

    /// <summary>
    /// The FMA peak for the same work: as many flops as one call of the kernel does, 6·(M+1)·Dim per pair (the dot,
    /// the input's gradient and the target's update, each an FMA per element), in independent register chains on the
    /// widest vector. Timed turn about with the kernel (<c>ratios KernelBench Peak@K METHOD@K</c>), it gives the kernel's
    /// fraction of the peak at this shape.
    /// </summary>
    [Benchmark(OperationsPerInvoke = PairsPerBatch)]
    public float Peak() => FmaPeak.Run(FlopsPerCall);

    /// <summary>Floating-point operations in one call: 6·(M+1)·Dim per pair.</summary>
    public long FlopsPerCall => 6L * (Negatives + 1) * Dim * PairsPerBatch;
}

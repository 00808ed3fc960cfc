using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using FastSgns.Embeddings;
using FastSgns.Interop;
using FastSgns.Kernels;

namespace FastSgns.Benchmarks;

/// <summary>
/// Each kernel's TrainPairs on batches of 1024 pairs, as a worker calls it: 30k-row input and output matrices (so rows
/// come from L2/L3 as in training), Zipf-like ids, several batches in rotation. Ratios are against the scalar
/// kernel at the same dim and M; Op/s is pairs per second. Kernels this machine cannot run are filtered out.
/// </summary>
[Config(typeof(Config))]
public unsafe class KernelBench
{
    private const int Vocabulary = 30_000;
    private const int PairsPerBatch = 1024;
    private const int Batches = 32;
    private const float Alpha = 0.025f;

    private EmbeddingMatrix? _input;
    private EmbeddingMatrix? _output;
    private SigmoidTable? _table;
    private float* _scratch;
    private KernelContext _context;
    private int[] _inputs = [];
    private int[] _targets = [];
    private int _batch;

    private readonly ISgnsKernel _scalar = new ScalarKernel();
    private readonly ISgnsKernel _avx2 = new Avx2Kernel();
    private readonly ISgnsKernel _avx512 = new Avx512Kernel();
    private readonly ISgnsKernel _nativeAvx512 = new NativeKernel(NativePath.Avx512);
    private readonly ISgnsKernel _nativeAvx2 = new NativeKernel(NativePath.Avx2);

    [Params(50, 100, 300)]
    public int Dim { get; set; }

    [Params(5, 15)]
    public int Negatives { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new EmbeddingMatrix(Vocabulary, Dim);
        _output = new EmbeddingMatrix(Vocabulary, Dim);
        _input.InitializeUniform(1);
        _output.InitializeUniform(2);
        _table = new SigmoidTable();
        _scratch = (float*)NativeMemory.AlignedAlloc((nuint)KernelContext.ScratchFloats(Dim, Negatives) * sizeof(float), 64);
        _context = new KernelContext(_input.Pointer, _output.Pointer, _input.Stride, Dim, _table, _scratch);

        // Log-uniform ids: frequency falls like 1/rank, roughly as words (and unigram^0.75 negatives) do.
        var random = new Random(42);
        _inputs = new int[Batches * PairsPerBatch];
        _targets = new int[_inputs.Length * (Negatives + 1)];
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = ZipfId(random);
        }

        for (int i = 0; i < _targets.Length; i++)
        {
            _targets[i] = ZipfId(random);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input?.Dispose();
        _output?.Dispose();
        _table?.Dispose();
        NativeMemory.AlignedFree(_scratch);
        _scratch = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PairsPerBatch)]
    [BenchmarkCategory("scalar")]
    public float Scalar() => Train(_scalar);

    [Benchmark(OperationsPerInvoke = PairsPerBatch)]
    [BenchmarkCategory("avx2")]
    public float Avx2() => Train(_avx2);

    [Benchmark(OperationsPerInvoke = PairsPerBatch)]
    [BenchmarkCategory("avx512")]
    public float Avx512() => Train(_avx512);

    // The C kernel's SIMD paths, called once per 1024 pairs like the others.
    [Benchmark(OperationsPerInvoke = PairsPerBatch)]
    [BenchmarkCategory("native-avx512")]
    public float NativeAvx512() => Train(_nativeAvx512);

    [Benchmark(OperationsPerInvoke = PairsPerBatch)]
    [BenchmarkCategory("native-avx2")]
    public float NativeAvx2() => Train(_nativeAvx2);

    private float Train(ISgnsKernel kernel)
    {
        int batch = _batch;
        _batch = (batch + 1) % Batches;
        int rows = Negatives + 1;
        return kernel.TrainPairs(_context,
            _inputs.AsSpan(batch * PairsPerBatch, PairsPerBatch),
            _targets.AsSpan(batch * PairsPerBatch * rows, PairsPerBatch * rows),
            Negatives, Alpha);
    }

    private static int ZipfId(Random random) => (int)Math.Pow(Vocabulary, random.NextDouble()) - 1;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
            AddFilter(new SimpleFilter(b => b.Descriptor.Categories.All(name => KernelRegistry.All.Any(k => k.Name == name && k.IsSupported))));
        }
    }
}

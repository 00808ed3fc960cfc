using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using FastSgns.Kernels;

namespace FastSgns.Benchmarks;

/// <summary>
/// The sigmoid step of a pair, M+1 dots to M+1 gradients (and the loss where noted), for 1024 pairs: the kernels'
/// table gather against direct evaluation. The table's σ is off by up to 3e-3 (its entries hold σ at a bucket's left
/// edge: a bucket width of 0.012 times σ' ≤ 0.25); every direct variant here is more accurate than that (FastExp's
/// 2^x has a relative error of 1.4e-4, the others are within a few ulps).
/// </summary>
[Config(typeof(OperationsPerSecondConfig))]
public unsafe class SigmoidBench
{
    private const int Pairs = 1024;
    private const float Alpha = 0.025f;

    private SigmoidTable? _table;
    private KernelContext _context;
    private float* _dots;
    private float* _gradients;
    private int _stride;

    [Params(6, 16)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _table = new SigmoidTable();
        _stride = KernelWorkspace.RoundUp(Rows, 16);
        _dots = (float*)NativeMemory.AlignedAlloc((nuint)(Pairs * _stride * sizeof(float)), 64);
        _gradients = (float*)NativeMemory.AlignedAlloc((nuint)(Pairs * _stride * sizeof(float)), 64);
        var random = new Random(5);
        for (int i = 0; i < Pairs * _stride; i++)
        {
            // Dots as training sees them: mostly within the table's ±6, some saturated.
            _dots[i] = (float)(random.NextDouble() * 16 - 8);
        }

        _context = new KernelContext(null, 16, null, 16, 16, _table, null, 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _table?.Dispose();
        NativeMemory.AlignedFree(_dots);
        NativeMemory.AlignedFree(_gradients);
    }

    /// <summary>What the kernels do: one 8-lane gather for σ and one for the loss per group.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs)]
    public float TableWithLoss()
    {
        float loss = 0;
        for (int p = 0; p < Pairs; p++)
        {
            loss += SigmoidGather<Avx2Ops, Vector256<float>>.Gradients(_context, _dots + p * _stride, _gradients + p * _stride, Rows, Alpha);
        }

        return loss;
    }

    /// <summary>σ = 1/(1+e), loss = softplus from the same e, with Vector256.Exp and Vector256.Log.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public float ExpWithLoss()
    {
        Vector256<float> total = Vector256<float>.Zero;
        for (int p = 0; p < Pairs; p++)
        {
            float* dots = _dots + p * _stride;
            float* gradients = _gradients + p * _stride;
            Vector256<float> labels = Vector256.CreateScalar(1f);
            for (int k = 0; k < Rows; k += 8)
            {
                Vector256<float> valid = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(Rows - k)).AsSingle();
                Vector256<float> f = Vector256.Load(dots + k) & valid;
                Vector256<float> e = Vector256.Exp(-f);
                Vector256<float> sigma = Vector256<float>.One / (Vector256<float>.One + e);
                Vector256.Store((labels - sigma) * Vector256.Create(Alpha), gradients + k);

                // −log σ(f) = log(1 + e^−f); −log(1 − σ(f)) = that + f.
                Vector256<float> softplus = Vector256.Log(Vector256<float>.One + e);
                total += (softplus + (f & ~Vector256.Equals(labels, Vector256<float>.One))) & valid;
                labels = Vector256<float>.Zero;
            }
        }

        return Vector256.Sum(total);
    }

    /// <summary>σ only, with Vector256.Exp.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void Exp()
    {
        for (int p = 0; p < Pairs; p++)
        {
            Vector256<float> labels = Vector256.CreateScalar(1f);
            for (int k = 0; k < Rows; k += 8)
            {
                Vector256<float> e = Vector256.Exp(-Vector256.Load(_dots + p * _stride + k));
                Store(labels, e, _gradients + p * _stride + k);
                labels = Vector256<float>.Zero;
            }
        }
    }

    /// <summary>σ only, with a cubic 2^x (relative error ~1e-4, still 10× finer than the table).</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void FastExp()
    {
        for (int p = 0; p < Pairs; p++)
        {
            Vector256<float> labels = Vector256.CreateScalar(1f);
            for (int k = 0; k < Rows; k += 8)
            {
                Vector256<float> e = FastExpOf(-Vector256.Load(_dots + p * _stride + k));
                Store(labels, e, _gradients + p * _stride + k);
                labels = Vector256<float>.Zero;
            }
        }
    }

    /// <summary>σ only, all 1024·(M+1) dots in one TensorPrimitives.Sigmoid call: the best case for a library call.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void TensorPrimitivesBatch()
    {
        var dots = new ReadOnlySpan<float>(_dots, Pairs * _stride);
        var gradients = new Span<float>(_gradients, Pairs * _stride);
        TensorPrimitives.Sigmoid(dots, gradients);
        TensorPrimitives.Multiply(gradients, -Alpha, gradients);
    }

    /// <summary>g = (label − σ)·alpha with σ = 1/(1 + e), e = exp(−f).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> labels, Vector256<float> e, float* gradients)
    {
        Vector256<float> sigma = Vector256<float>.One / (Vector256<float>.One + e);
        Vector256.Store((labels - sigma) * Vector256.Create(Alpha), gradients);
    }

    /// <summary>e^x as 2^i·p(f) with t = x·log2 e = i + f, f in [0, 1), p a cubic fit of 2^f.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> FastExpOf(Vector256<float> x)
    {
        Vector256<float> t = Vector256.Clamp(x * Vector256.Create(1.442695f), Vector256.Create(-126f), Vector256.Create(126f));
        Vector256<float> i = Vector256.Floor(t);
        Vector256<float> f = t - i;
        Vector256<float> p = Vector256.FusedMultiplyAdd(f, Vector256.FusedMultiplyAdd(f, Vector256.FusedMultiplyAdd(f,
            Vector256.Create(0.07944f), Vector256.Create(0.22472f)), Vector256.Create(0.69582f)), Vector256<float>.One);
        return (p.AsInt32() + (Vector256.ConvertToInt32(i) << 23)).AsSingle();
    }
}

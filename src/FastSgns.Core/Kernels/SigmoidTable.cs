using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastSgns.Kernels;

/// <summary>
/// word2vec's sigmoid lookup table (by default 1000 entries over ±6), with two extra entries so that saturation
/// needs no branch: index 0 holds σ = 0 for x below −MaxExp and index Size + 1 holds σ = 1 for x at or above MaxExp.
/// Entry i + 1 holds σ at the left edge of bucket i, exactly as word2vec.c's expTable. Two companion tables hold the
/// per-label losses −log σ(x) and −log(1 − σ(x)) for progress reporting.
/// </summary>
internal sealed unsafe class SigmoidTable : IDisposable
{
    public const int DefaultSize = 1000;
    public const float DefaultMaxExp = 6f;

    /// <summary>The most entries: bucket numbers up to it are exact in float, which the SIMD kernels rely on.</summary>
    public const int MaxSize = (1 << 24) - 1;

    /// <summary>Floor on σ inside the logarithms, as fastText does, so saturated losses stay finite.</summary>
    private const double LogFloor = 1e-5;

    private float* _memory;

    public int Size { get; }
    public float MaxExp { get; }

    /// <summary>Multiplier from (x + MaxExp) to a bucket: Size / (2 MaxExp).</summary>
    public float Scale { get; }

    internal float* Sigmoid => _memory;
    /// <summary>
    /// One block, the negative-loss table right after this one: SigmoidGather.LabelGradients gathers a row's loss from
    /// either with one index into this table.
    /// </summary>
    internal float* PositiveLoss => _memory + Size + 2;
    internal float* NegativeLoss => _memory + 2 * (Size + 2);

    public SigmoidTable(int size = DefaultSize, float maxExp = DefaultMaxExp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExp);
        Size = size;
        MaxExp = maxExp;
        Scale = size / (2 * maxExp);
        nuint entries = (nuint)(3 * (size + 2));
        _memory = (float*)NativeMemory.AlignedAlloc(entries * sizeof(float), 64);
        for (int i = -1; i <= size; i++)
        {
            // word2vec.c: expTable[i] = exp((i / size * 2 - 1) * maxExp), sigma = e / (e + 1).
            double sigma = i < 0 ? 0.0 : i == size ? 1.0 : Logistic((i / (double)size * 2 - 1) * maxExp);
            Sigmoid[i + 1] = (float)sigma;
            PositiveLoss[i + 1] = (float)-Math.Log(Math.Max(sigma, LogFloor));
            NegativeLoss[i + 1] = (float)-Math.Log(Math.Max(1 - sigma, LogFloor));
        }
    }

    /// <summary>The entry (offset by one) that <paramref name="x"/> falls in; every kernel must compute exactly this.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int EntryOf(float x, float maxExp, float scale, int size)
    {
        int bucket = (int)MathF.Floor((x + maxExp) * scale);
        return Math.Clamp(bucket, -1, size) + 1;
    }

    /// <summary>
    /// Whether hierarchical softmax skips a node with dot <paramref name="x"/>: x ≤ −maxExp or x ≥ maxExp, word2vec.c's
    /// test, and NaN too (x is not inside (−maxExp, maxExp); the loss still carries the NaN). Every kernel must decide
    /// exactly this; the SIMD ones as a mask on the gradient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSaturated(float x, float maxExp) => !(x > -maxExp && x < maxExp);

    /// <summary>σ(x) as training sees it.</summary>
    public float Lookup(float x) => Sigmoid[EntryOf(x, MaxExp, Scale, Size)];

    public ReadOnlySpan<float> SigmoidEntries => new(_memory, Size + 2);

    private static double Logistic(double x)
    {
        double e = Math.Exp(x);
        return e / (e + 1);
    }

    public void Dispose()
    {
        if (_memory != null)
        {
            NativeMemory.AlignedFree(_memory);
            _memory = null;
        }

        GC.SuppressFinalize(this);
    }

    ~SigmoidTable() => Dispose();
}

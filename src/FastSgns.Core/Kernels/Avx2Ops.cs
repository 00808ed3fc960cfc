using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>8-float vectors with FMA, AVX masked loads and stores for the tails, and AVX2 gathers from the sigmoid table.</summary>
internal readonly unsafe struct Avx2Ops : IGatherOps<Vector256<float>>
{
    public static string Name => "avx2";

    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AndNot(Vector256<float> a, Vector256<float> b) => Vector256.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, float* destination) => Vector256.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TailMask(int count) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();

    // Masked-off lanes are neither read nor written, and cannot fault. Where AVX-512VL is present, the EVEX masked
    // moves (mask in a k register) rather than AVX's VMASKMOVPS, whose stores are slow on AMD cores: on this AMD EPYC
    // (Zen 4) the avx2 per-pair kernel, which ends every row with a masked chunk, ran 10-20 % faster at dims 50 and
    // 100 with them (bench/results/roofline-zen4-2026-11-29.md). The avx2 kernel runs on AVX-512 machines when forced,
    // or where the runtime does not accelerate Vector512 (Intel cores that lower their clock for 512-bit work).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadTail(float* source, Vector256<float> mask, int count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.MaskLoad(source, mask, Vector256<float>.Zero) : Avx.MaskLoad(source, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail(float* destination, Vector256<float> value, Vector256<float> mask, int count)
    {
        if (Avx512F.VL.IsSupported)
        {
            Avx512F.VL.MaskStore(destination, mask, value);
        }
        else
        {
            Avx.MaskStore(destination, mask, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha) =>
        SigmoidGather<Avx2Ops, Vector256<float>>.Gradients(context, dots, gradients, rows, alpha);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchGradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha, float* losses) =>
        SigmoidGather<Avx2Ops, Vector256<float>>.BatchGradients(context, dots, gradients, rows, alpha, losses);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LabelGradients(in KernelContext context, float* dots, float* labels, float* gradients, int rows, float alpha, bool skipSaturated) =>
        SigmoidGather<Avx2Ops, Vector256<float>>.LabelGradients(context, dots, labels, gradients, rows, alpha, skipSaturated);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Floor(Vector256<float> value) => Vector256.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> EqualMask(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LessThanMask(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ToInt32(Vector256<float> integral) => Vector256.ConvertToInt32Native(integral).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gather(float* table, Vector256<float> indices) => Avx2.GatherVector256(table, indices.AsInt32(), sizeof(float));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AddInt32(Vector256<float> a, Vector256<float> b) => (a.AsInt32() + b.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstInt32(Vector256<float> indices) => indices.AsInt32().ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float First(Vector256<float> value) => value.ToScalar();
}

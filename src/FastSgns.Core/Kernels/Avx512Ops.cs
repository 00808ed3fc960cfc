using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// 16-float vectors with FMA and AVX-512 masked loads and stores for the tails. The sigmoid step runs at
/// <see cref="Avx2Ops"/>' width: .NET 10 exposes no 512-bit gather, and at the usual M = 5 all M+1 rows fit one
/// 8-lane gather anyway.
/// </summary>
internal readonly unsafe struct Avx512Ops : IVectorOps<Vector512<float>>
{
    public static string Name => "avx512";

    // The sigmoid step gathers with AVX2, which every AVX-512 machine has unless a runtime switch removed it.
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx2.IsSupported;

    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AndNot(Vector512<float> a, Vector512<float> b) => Vector512.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, float* destination) => Vector512.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TailMask(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    // Masked-off lanes are neither read nor written, and cannot fault.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadTail(float* source, Vector512<float> mask, int count) => Avx512F.MaskLoad(source, mask, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail(float* destination, Vector512<float> value, Vector512<float> mask, int count) => Avx512F.MaskStore(destination, mask, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    // Avx2Ops' sigmoid step, as the summary says.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha) =>
        Avx2Ops.Gradients(context, dots, gradients, rows, alpha);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchGradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha, float* losses) =>
        Avx2Ops.BatchGradients(context, dots, gradients, rows, alpha, losses);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LabelGradients(in KernelContext context, float* dots, float* labels, float* gradients, int rows, float alpha, bool skipSaturated) =>
        Avx2Ops.LabelGradients(context, dots, labels, gradients, rows, alpha, skipSaturated);
}

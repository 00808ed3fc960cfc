using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// 4-float vectors through the cross-platform <see cref="Vector128"/> API: ARM64's AdvSimd, and x64 without AVX2.
/// Tails and gathers use AVX or AVX2 instructions where the CPU has them and portable element-wise code otherwise;
/// FMA is the hardware's on ARM64 and on x64 with FMA, and the runtime's exact emulation elsewhere (only the
/// batched update needs it; dot products then use a separate multiply and add).
/// </summary>
internal readonly unsafe struct Vector128Ops : IGatherOps<Vector128<float>>
{
    public static string Name => "vector128";

    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    public static int Count => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AndNot(Vector128<float> a, Vector128<float> b) => Vector128.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, float* destination) => Vector128.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TailMask(int count) => Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadTail(float* source, Vector128<float> mask, int count) =>
        Avx.IsSupported ? Avx.MaskLoad(source, mask) : LoadFirst(source, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail(float* destination, Vector128<float> value, Vector128<float> mask, int count)
    {
        if (Avx.IsSupported)
        {
            Avx.MaskStore(destination, mask, value);
        }
        else
        {
            StoreFirst(destination, value, count);
        }
    }

    /// <summary>The portable tail load: exactly min(count, 4) floats, in one, two or three element reads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> LoadFirst(float* source, int count) => count switch
    {
        1 => Vector128.CreateScalar(*source),
        2 => Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(source)).AsSingle(),
        3 => Vector128.Create(source[0], source[1], source[2], 0f),
        _ => Vector128.Load(source),
    };

    /// <summary>The portable tail store: exactly min(count, 4) floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreFirst(float* destination, Vector128<float> value, int count)
    {
        if (count >= Vector128<float>.Count)
        {
            Vector128.Store(value, destination);
            return;
        }

        for (int lane = 0; lane < count; lane++)
        {
            destination[lane] = value.GetElement(lane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha) =>
        SigmoidGather<Vector128Ops, Vector128<float>>.Gradients(context, dots, gradients, rows, alpha);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchGradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha, float* losses) =>
        SigmoidGather<Vector128Ops, Vector128<float>>.BatchGradients(context, dots, gradients, rows, alpha, losses);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LabelGradients(in KernelContext context, float* dots, float* labels, float* gradients, int rows, float alpha, bool skipSaturated) =>
        SigmoidGather<Vector128Ops, Vector128<float>>.LabelGradients(context, dots, labels, gradients, rows, alpha, skipSaturated);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Floor(Vector128<float> value) => Vector128.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> EqualMask(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LessThanMask(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ToInt32(Vector128<float> integral) => Vector128.ConvertToInt32Native(integral).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Gather(float* table, Vector128<float> indices) =>
        Avx2.IsSupported ? Avx2.GatherVector128(table, indices.AsInt32(), sizeof(float)) : GatherLanes(table, indices);

    /// <summary>The portable gather: one read per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> GatherLanes(float* table, Vector128<float> indices)
    {
        Vector128<int> lanes = indices.AsInt32();
        return Vector128.Create(table[lanes.GetElement(0)], table[lanes.GetElement(1)], table[lanes.GetElement(2)], table[lanes.GetElement(3)]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AddInt32(Vector128<float> a, Vector128<float> b) => (a.AsInt32() + b.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstInt32(Vector128<float> indices) => indices.AsInt32().ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float First(Vector128<float> value) => value.ToScalar();
}

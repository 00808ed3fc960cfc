using System.Runtime.Intrinsics;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// <see cref="Vector128Ops"/> with its portable fallbacks forced (element-wise tails and gathers, the dot products'
/// multiply-add unfused), as ARM64 and x64 without AVX run them. This x64 machine would otherwise never execute
/// those branches, so the parity suite runs this kernel ("vector128-portable") beside the registry's.
/// </summary>
internal readonly unsafe struct PortableVector128Ops : IGatherOps<Vector128<float>>
{
    public static string Name => "vector128-portable";

    public static bool IsSupported => Vector128Ops.IsSupported;

    public static int Count => Vector128Ops.Count;

    public static Vector128<float> Create(float value) => Vector128Ops.Create(value);

    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => Vector128Ops.Add(a, b);

    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => Vector128Ops.Subtract(a, b);

    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => Vector128Ops.Multiply(a, b);

    public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => Vector128Ops.And(a, b);

    public static Vector128<float> AndNot(Vector128<float> a, Vector128<float> b) => Vector128Ops.AndNot(a, b);

    public static Vector128<float> Load(float* source) => Vector128Ops.Load(source);

    public static void Store(Vector128<float> value, float* destination) => Vector128Ops.Store(value, destination);

    public static Vector128<float> TailMask(int count) => Vector128Ops.TailMask(count);

    public static Vector128<float> LoadTail(float* source, Vector128<float> mask, int count) => Vector128Ops.LoadFirst(source, count);

    public static void StoreTail(float* destination, Vector128<float> value, Vector128<float> mask, int count) => Vector128Ops.StoreFirst(destination, value, count);

    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128Ops.FusedMultiplyAdd(a, b, c);

    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => a * b + c;

    public static float Sum(Vector128<float> value) => Vector128Ops.Sum(value);

    public static float Gradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha) =>
        SigmoidGather<PortableVector128Ops, Vector128<float>>.Gradients(context, dots, gradients, rows, alpha);

    public static void BatchGradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha, float* losses) =>
        SigmoidGather<PortableVector128Ops, Vector128<float>>.BatchGradients(context, dots, gradients, rows, alpha, losses);

    public static float LabelGradients(in KernelContext context, float* dots, float* labels, float* gradients, int rows, float alpha, bool skipSaturated) =>
        SigmoidGather<PortableVector128Ops, Vector128<float>>.LabelGradients(context, dots, labels, gradients, rows, alpha, skipSaturated);

    public static Vector128<float> Floor(Vector128<float> value) => Vector128Ops.Floor(value);

    public static Vector128<float> EqualMask(Vector128<float> a, Vector128<float> b) => Vector128Ops.EqualMask(a, b);

    public static Vector128<float> LessThanMask(Vector128<float> a, Vector128<float> b) => Vector128Ops.LessThanMask(a, b);

    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128Ops.Min(a, b);

    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128Ops.Max(a, b);

    public static Vector128<float> ToInt32(Vector128<float> integral) => Vector128Ops.ToInt32(integral);

    public static Vector128<float> Gather(float* table, Vector128<float> indices) => Vector128Ops.GatherLanes(table, indices);

    public static Vector128<float> AddInt32(Vector128<float> a, Vector128<float> b) => Vector128Ops.AddInt32(a, b);

    public static int FirstInt32(Vector128<float> indices) => Vector128Ops.FirstInt32(indices);

    public static float First(Vector128<float> value) => Vector128Ops.First(value);
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastSgns.Kernels;

/// <summary><see cref="IBf16Ops{TVec}"/> at 4 lanes, portable: 64 bits of bf16 widened, the narrowed lanes' low 64 bits stored.</summary>
internal readonly unsafe partial struct Vector128Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WidenBf16(ushort* source) =>
        Vector128.ShiftLeft(Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(source)).AsUInt16()), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> StepLanes(Vector128<float> state, uint multiplier, uint increment) =>
        (state.AsUInt32() * Vector128.Create(multiplier) + Vector128.Create(increment)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16(ushort* destination, Vector128<float> value, Vector128<float> state)
    {
        Vector128<uint> rounded = Vector128.ShiftRightLogical(value.AsUInt32() + Vector128.ShiftRightLogical(state.AsUInt32(), 16), 16);
        Unsafe.WriteUnaligned(destination, Vector128.Narrow(rounded, rounded).AsUInt64().ToScalar());
    }
}

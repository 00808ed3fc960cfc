using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary><see cref="IBf16Ops{TVec}"/> at 16 lanes: vpmovzxwd and a shift to widen, vpmovdw to narrow.</summary>
internal readonly unsafe partial struct Avx512Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WidenBf16(ushort* source) =>
        Vector512.ShiftLeft(Avx512F.ConvertToVector512UInt32(Vector256.Load(source)), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> StepLanes(Vector512<float> state, uint multiplier, uint increment) =>
        (state.AsUInt32() * Vector512.Create(multiplier) + Vector512.Create(increment)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16(ushort* destination, Vector512<float> value, Vector512<float> state)
    {
        Vector512<uint> rounded = Vector512.ShiftRightLogical(value.AsUInt32() + Vector512.ShiftRightLogical(state.AsUInt32(), 16), 16);
        Vector256.Store(Avx512F.ConvertToVector256UInt16(rounded), destination);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary><see cref="IBf16Ops{TVec}"/> at 8 lanes: vpmovzxwd and a shift to widen, a pack of the two halves to narrow.</summary>
internal readonly unsafe partial struct Avx2Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WidenBf16(ushort* source) =>
        Vector256.ShiftLeft(Avx2.ConvertToVector256Int32(Vector128.Load(source)), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> StepLanes(Vector256<float> state, uint multiplier, uint increment) =>
        (state.AsUInt32() * Vector256.Create(multiplier) + Vector256.Create(increment)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16(ushort* destination, Vector256<float> value, Vector256<float> state)
    {
        // Shifted down, every lane is below 65536, so the saturating pack keeps it exactly.
        Vector256<int> rounded = Vector256.ShiftRightLogical(value.AsUInt32() + Vector256.ShiftRightLogical(state.AsUInt32(), 16), 16).AsInt32();
        Vector128.Store(Sse41.PackUnsignedSaturate(rounded.GetLower(), rounded.GetUpper()), destination);
    }
}

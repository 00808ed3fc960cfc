using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastSgns.Kernels;

namespace FastSgns.Benchmarks;

/// <summary>
/// This core's measured FMA peak: a loop of independent fused multiply-adds in registers, with no loads, on the
/// widest vector the machine runs (Vector512 where AVX-512 is present). The kernel benchmarks' <c>Peak</c> methods
/// run it for exactly the flops their kernel call does, so timing the two turn about (<see cref="InterleavedRatios"/>)
/// gives a kernel's fraction of the peak per shape directly, on the same thread and moment.
/// </summary>
internal static class FmaPeak
{
    /// <summary>Independent accumulators: enough to cover FMA latency (4 cycles) times two FMA ports, with room.</summary>
    private const int Chains = 12;

    // Not readonly: a static readonly float is a constant to the optimizing JIT, which could then fold the chains.
    private static float s_one = 1f;
    private static float s_step = 1e-7f;

    /// <summary>The widest vector this machine runs, in floats: what the peak is measured with.</summary>
    public static int Width => Avx512Ops.IsSupported ? Avx512Ops.Count : Avx2Ops.IsSupported ? Avx2Ops.Count : Vector128Ops.Count;

    /// <summary>
    /// Does at least <paramref name="flops"/> floating-point operations (an FMA counts two per lane) in independent
    /// chains and returns a value that depends on all of them, so none is optimized away.
    /// </summary>
    public static float Run(long flops) =>
        Avx512Ops.IsSupported ? Run<Avx512Ops, Vector512<float>>(flops)
        : Avx2Ops.IsSupported ? Run<Avx2Ops, Vector256<float>>(flops)
        : Run<Vector128Ops, Vector128<float>>(flops);

    /// <summary>
    /// <see cref="Run"/> on 256-bit vectors (AVX2 with FMA, else the widest there is). Timed turn about with
    /// <see cref="Run"/> on an AVX-512 machine it shows how the core executes 512-bit FMAs: a ratio near 1 means the
    /// same flops per cycle at either width (two 256-bit halves per 512-bit operation, as AMD Zen 4 does, or one
    /// 512-bit FMA port), near 0.5 means 512-bit vectors double the peak (two 512-bit FMA ports).
    /// </summary>
    public static float Run256(long flops) => Avx2Ops.IsSupported ? Run<Avx2Ops, Vector256<float>>(flops) : Run(flops);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run<TOps, TVec>(long flops)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        long rounds = Math.Max(1, flops / (2L * TOps.Count * Chains));

        // x·1 + c keeps every chain finite and busy; the JIT cannot fold it because one and step are not constants to it.
        TVec one = TOps.Create(Volatile.Read(ref s_one)), step = TOps.Create(Volatile.Read(ref s_step));
        TVec a0 = step, a1 = step, a2 = step, a3 = step, a4 = step, a5 = step;
        TVec a6 = step, a7 = step, a8 = step, a9 = step, a10 = step, a11 = step;
        for (long r = 0; r < rounds; r++)
        {
            a0 = TOps.FusedMultiplyAdd(a0, one, step);
            a1 = TOps.FusedMultiplyAdd(a1, one, step);
            a2 = TOps.FusedMultiplyAdd(a2, one, step);
            a3 = TOps.FusedMultiplyAdd(a3, one, step);
            a4 = TOps.FusedMultiplyAdd(a4, one, step);
            a5 = TOps.FusedMultiplyAdd(a5, one, step);
            a6 = TOps.FusedMultiplyAdd(a6, one, step);
            a7 = TOps.FusedMultiplyAdd(a7, one, step);
            a8 = TOps.FusedMultiplyAdd(a8, one, step);
            a9 = TOps.FusedMultiplyAdd(a9, one, step);
            a10 = TOps.FusedMultiplyAdd(a10, one, step);
            a11 = TOps.FusedMultiplyAdd(a11, one, step);
        }

        TVec sum = TOps.Add(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)), TOps.Add(TOps.Add(a4, a5), TOps.Add(a6, a7)));
        return TOps.Sum(TOps.Add(sum, TOps.Add(TOps.Add(a8, a9), TOps.Add(a10, a11))));
    }

}

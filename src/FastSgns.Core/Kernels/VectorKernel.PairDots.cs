using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// A pair's dots and sigmoid step with the dots kept in registers. Each pair's positive is the center word's output
/// row, which the previous pair of the same center has just updated, so a pair's dot, sigmoid step and update form
/// one chain from pair to pair. Storing six scalar sums and loading them back as one vector cannot be forwarded
/// from the store buffer: the load waited for the stores to retire, and behind them for every prefetch and miss
/// still ahead of them, on every pair. Here the M+1 ≤ 8 accumulators are summed by one tree of two-source permutes
/// into one vector that feeds the sigmoid step; each lane gets exactly the additions of
/// <see cref="IVectorOps{TVec}.Sum"/>, so the dots, and so every result, stay bit-identical.
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>M+1 up to this many rows take the register path (one 8-lane sigmoid group).</summary>
    private const int RegisterRows = 8;

    /// <summary>
    /// The gradients of one pair at <paramref name="gradients"/> (<see cref="PairScratch"/>'s layout), and its loss:
    /// <see cref="Dots"/> then <see cref="IVectorOps{TVec}.Gradients"/>, bit for bit, with the dots in registers
    /// where the width allows (512 or 256 bits: <typeparamref name="TVec"/> decides, and the JIT removes the other
    /// branches).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float PairGradients(in KernelContext c, float* input, float** outputs, float* dots, float* gradients, int rows, float alpha)
    {
        bool wide = typeof(TVec) == typeof(Vector512<float>) && Avx512F.IsSupported && Avx2.IsSupported;
        bool avx = typeof(TVec) == typeof(Vector256<float>) && Avx2.IsSupported;
        if ((wide || avx) && rows <= RegisterRows && rows >= 4)
        {
            int dim = c.Dim;
            DotTile(input, outputs[0], outputs[1], outputs[2], outputs[3], dim, out TVec a0, out TVec a1, out TVec a2, out TVec a3);
            TVec a4 = rows > 4 ? LoneDot(input, outputs[4], dim) : default;
            TVec a5 = rows > 5 ? LoneDot(input, outputs[5], dim) : default;
            TVec a6 = rows > 6 ? LoneDot(input, outputs[6], dim) : default;
            TVec a7 = rows > 7 ? LoneDot(input, outputs[7], dim) : default;
            Vector256<float> f = wide
                ? ExactSums(As512(a0), As512(a1), As512(a2), As512(a3), As512(a4), As512(a5), As512(a6), As512(a7))
                : ExactSums(As256(a0), As256(a1), As256(a2), As256(a3), As256(a4), As256(a5), As256(a6), As256(a7));
            return SigmoidGather<Avx2Ops, Vector256<float>>.GradientsOf(c, f, gradients, rows, alpha);
        }

        Dots(input, outputs, dots, rows, c.Dim);
        return TOps.Gradients(c, dots, gradients, rows, alpha);
    }

    /// <summary>
    /// [Σa0, …, Σa7], each sum by <see cref="Vector512.Sum{T}"/>'s own tree (adjacent lanes first:
    /// ((x0+x1)+(x2+x3))+((x4+x5)+(x6+x7)), then the two 8-lane halves), so each lane equals Vector512.Sum of its
    /// accumulator bit for bit. Every level adds the even and the odd lanes of two vectors side by side: 16 lanes
    /// per accumulator, then 8, 4, 2, 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExactSums(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7)
    {
        Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        Vector512<int> odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

        // Pairs of lanes: [a0's 8 | a1's 8], then quadruples: [a0's 4 | a1's 4 | a2's 4 | a3's 4].
        Vector512<float> quads0123 = Pair(Pair(a0, a1, even, odd), Pair(a2, a3, even, odd), even, odd);
        Vector512<float> quads4567 = Pair(Pair(a4, a5, even, odd), Pair(a6, a7, even, odd), even, odd);

        // Eight lanes each (two per accumulator), then the two halves of each.
        Vector512<float> halves = Pair(quads0123, quads4567, even, odd);
        return (Avx512F.PermuteVar16x32(halves, even) + Avx512F.PermuteVar16x32(halves, odd)).GetLower();
    }

    /// <summary>
    /// [Σa0, …, Σa7] for 8-lane accumulators, each equal to <see cref="Vector256.Sum{T}"/> bit for bit: Sum4's
    /// horizontal adds are its tree too (adjacent lanes, then the two 128-bit halves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExactSums(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> a4, Vector256<float> a5, Vector256<float> a6, Vector256<float> a7) =>
        Vector256.Create(Sum4(a0, a1, a2, a3), Sum4(a4, a5, a6, a7));
}

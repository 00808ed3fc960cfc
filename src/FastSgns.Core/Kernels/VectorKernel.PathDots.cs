using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// The labelled batch's dots (<c>BatchDots</c>' four-wide tiles alone), and the tree both use to sum a tile: its eight
/// accumulators are summed together by a tree of two-source permutes, not by one horizontal sum each. At dim 100 a
/// dot is seven FMAs and a 16-lane sum a dozen shuffles and adds, so the sums cost more than the products (perf,
/// wiki10m: about a fifth of TrainLabeledBatches); the tree sums eight in about two dozen instructions. The
/// width-specific reductions sit here, chosen by <typeparamref name="TVec"/> (the JIT removes the other branches);
/// any other width sums each accumulator with <see cref="IVectorOps{TVec}.Sum"/>.
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>
    /// dots[i·stride + k] = inputs[i]·outputs[k]: <c>BatchDots</c>' tiles of 2 contexts × 4 targets (the same
    /// <c>DotTiles</c>), each tile's eight sums stored by <see cref="StoreSums"/>; short tiles repeat the last row, and
    /// the slots past rows fall in the row's padding (stride ≥ round4(rows)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PathDots(float** inputs, float** outputs, float* dots, int stride, int count, int rows, int dim)
    {
        int lastRow = rows - 1;
        for (int k = 0; k < rows; k += 4)
        {
            DotTiles(inputs, outputs[k], outputs[Math.Min(k + 1, lastRow)], outputs[Math.Min(k + 2, lastRow)], outputs[Math.Min(k + 3, lastRow)],
                dots + k, stride, count, dim, four: true, treeSums: true);
        }
    }

    /// <summary>first[0..3] = Σa0..Σa3 and, when <paramref name="both"/>, second[0..3] = Σb0..Σb3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSums(TVec a0, TVec a1, TVec a2, TVec a3, TVec b0, TVec b1, TVec b2, TVec b3, float* first, float* second, bool both)
    {
        if (typeof(TVec) == typeof(Vector512<float>) && Avx512F.IsSupported)
        {
            Vector256<float> sums = Sum8(As512(a0), As512(a1), As512(a2), As512(a3), As512(b0), As512(b1), As512(b2), As512(b3));
            sums.GetLower().Store(first);
            if (both)
            {
                sums.GetUpper().Store(second);
            }
        }
        else if (typeof(TVec) == typeof(Vector256<float>) && Avx.IsSupported)
        {
            Sum4(As256(a0), As256(a1), As256(a2), As256(a3)).Store(first);
            if (both)
            {
                Sum4(As256(b0), As256(b1), As256(b2), As256(b3)).Store(second);
            }
        }
        else
        {
            (first[0], first[1], first[2], first[3]) = (TOps.Sum(a0), TOps.Sum(a1), TOps.Sum(a2), TOps.Sum(a3));
            if (both)
            {
                (second[0], second[1], second[2], second[3]) = (TOps.Sum(b0), TOps.Sum(b1), TOps.Sum(b2), TOps.Sum(b3));
            }
        }
    }

    /// <summary>
    /// [Σa0, Σa1, Σa2, Σa3, Σb0, Σb1, Σb2, Σb3]: at each level a two-source permute takes the low halves of a pair's
    /// partial sums and another the high halves, and one add halves their lengths: 16 lanes, then 8, 4, 2, 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sum8(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> b0, Vector512<float> b1, Vector512<float> b2, Vector512<float> b3)
    {
        // Level 1: [x 0..7 + x 8..15 | y 0..7 + y 8..15].
        Vector512<int> low8 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
        Vector512<int> high8 = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        Vector512<float> a01 = Pair(a0, a1, low8, high8), a23 = Pair(a2, a3, low8, high8);
        Vector512<float> b01 = Pair(b0, b1, low8, high8), b23 = Pair(b2, b3, low8, high8);

        // Level 2: four lanes each, [x | y | z | w].
        Vector512<int> low4 = Vector512.Create(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
        Vector512<int> high4 = Vector512.Create(4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
        Vector512<float> a = Pair(a01, a23, low4, high4), b = Pair(b01, b23, low4, high4);

        // Level 3: two lanes each, a0..a3 then b0..b3.
        Vector512<int> low2 = Vector512.Create(0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29);
        Vector512<int> high2 = Vector512.Create(2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31);
        Vector512<float> ab = Pair(a, b, low2, high2);

        // Level 4: one lane each, in the low half.
        Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14);
        Vector512<int> odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 1, 3, 5, 7, 9, 11, 13, 15);
        return (Avx512F.PermuteVar16x32(ab, even) + Avx512F.PermuteVar16x32(ab, odd)).GetLower();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair(Vector512<float> x, Vector512<float> y, Vector512<int> low, Vector512<int> high) =>
        Avx512F.PermuteVar16x32x2(x, low, y) + Avx512F.PermuteVar16x32x2(x, high, y);

    /// <summary>[Σa0, Σa1, Σa2, Σa3] by the horizontal-add tree: two levels within 128-bit lanes, then the two lanes added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        Vector256<float> sums = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        return sums.GetLower() + sums.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> As512(TVec value) => Unsafe.As<TVec, Vector512<float>>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> As256(TVec value) => Unsafe.As<TVec, Vector256<float>>(ref value);
}

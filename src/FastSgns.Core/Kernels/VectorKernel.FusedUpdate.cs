using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// The shared-negative batch's update in one pass per chunk, for zero-padded rows (no masks): per chunk of the
/// dimensions, a tile of targets keeps their chunks and ΔO accumulators in registers while each context's chunk is
/// loaded once and gives ΔC (from the registers) and ΔO (into them); in the tile that ends the targets, when the
/// batch's contexts are distinct, C + ΔC is written back at once, so no ΔC goes through scratch. With every target in
/// one tile (M+1 ≤ 8 where the CPU has 32 vector registers) the tile also adds its ΔO to the targets, reloading each,
/// in target order, so a repeated target receives both deltas. Same arithmetic, in the same order, as
/// <see cref="ScalarKernel"/>'s update (the fused multiply-adds of ΔC in target order and of ΔO in context order, each
/// from 0, then row + Δ).
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>
    /// Targets one tile keeps in registers: eight where the JIT has 32 vector registers (AVX-512 machines, for every
    /// vector width), four where it has 16 (eight chunks and eight accumulators would not fit with the context's).
    /// </summary>
    private static int TileTargets => Avx512F.IsSupported ? 8 : 4;

    /// <summary>
    /// The update of one batch over <paramref name="width"/> floats per row (whole vectors), given G. The caller
    /// guarantees zero padding up to <paramref name="width"/> and G zero from column <paramref name="rows"/> up to
    /// round-up(rows, 8). When a context repeats (<paramref name="repeats"/>), C + ΔC cannot be written while later
    /// contexts still read the pre-batch row: ΔC then goes to scratch and is added per chunk afterwards, in context
    /// order, each row reloaded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FusedUpdate(float** inputs, float** outputs, float* gradients, int stride, int count, int rows, int width,
        bool repeats, float* deltaInput, float* deltaOutput)
    {
        // M = 5, 4 (M+1 = 6, 5): one six-wide tile, every flag but one a constant; two chunks at a time where
        // the contexts are distinct, one chunk for the odd last one and for batches with a repeated context.
        if (TileTargets == 8 && rows is 5 or 6)
        {
            int from = 0;
            if (!repeats)
            {
                from = width / (2 * TOps.Count) * (2 * TOps.Count);
                SixTwoChunks(inputs, outputs, gradients, stride, count, rows, from);
            }

            for (int j = from; j < width; j += TOps.Count)
            {
                FusedTile(inputs, outputs, gradients, stride, count, rows, j, 0, first: true, last: !repeats, direct: true, deltaInput, deltaOutput, eight: false);
                if (repeats)
                {
                    AddDeltas(inputs, count, deltaInput, j, default, 0, masked: false);
                }
            }

            return;
        }

        int tile = TileTargets;
        bool direct = rows <= tile;
        for (int j = 0; j < width; j += TOps.Count)
        {
            for (int k = 0; k < rows; k += tile)
            {
                FusedTile(inputs, outputs, gradients, stride, count, rows, j, k, first: k == 0, last: k + tile >= rows && !repeats, direct, deltaInput, deltaOutput,
                    eight: TileTargets == 8);
            }

            if (repeats)
            {
                AddDeltas(inputs, count, deltaInput, j, default, 0, masked: false);
            }

            if (!direct)
            {
                AddDeltas(outputs, rows, deltaOutput, j, default, 0, masked: false);
            }
        }
    }

    /// <summary>
    /// Chunk <paramref name="j"/> of targets k.. (six slots, or four or eight as <paramref name="eight"/> and
    /// <see cref="TileTargets"/> say; slots past the last target repeat it under gradient 0). <paramref name="first"/>:
    /// ΔC starts at 0, else from scratch; <paramref name="last"/>: C + ΔC is stored into the context's row, else ΔC
    /// to scratch; <paramref name="direct"/>: the tile's ΔO are added to their targets, else stored to scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FusedTile(float** inputs, float** outputs, float* gradients, int stride, int count, int rows, int j, int k,
        bool first, bool last, bool direct, float* deltaInput, float* deltaOutput, bool eight)
    {
        bool four = !eight && TileTargets == 4;
        int lastRow = rows - 1;
        TVec p0 = TOps.Load(outputs[k] + j);
        TVec p1 = TOps.Load(outputs[Math.Min(k + 1, lastRow)] + j);
        TVec p2 = TOps.Load(outputs[Math.Min(k + 2, lastRow)] + j);
        TVec p3 = TOps.Load(outputs[Math.Min(k + 3, lastRow)] + j);
        TVec p4 = four ? default : TOps.Load(outputs[Math.Min(k + 4, lastRow)] + j);
        TVec p5 = four ? default : TOps.Load(outputs[Math.Min(k + 5, lastRow)] + j);
        TVec p6 = eight ? TOps.Load(outputs[Math.Min(k + 6, lastRow)] + j) : default;
        TVec p7 = eight ? TOps.Load(outputs[Math.Min(k + 7, lastRow)] + j) : default;
        TVec d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default;
        float* g = gradients + k;
        float* e = deltaInput;
        for (int i = 0; i < count; i++, g += stride, e += TOps.Count)
        {
            float* row = inputs[i] + j;
            TVec x = TOps.Load(row);
            TVec error = first ? TOps.Create(0f) : TOps.Load(e);
            TVec gk = TOps.Create(g[0]);
            error = TOps.FusedMultiplyAdd(gk, p0, error);
            d0 = TOps.FusedMultiplyAdd(gk, x, d0);
            gk = TOps.Create(g[1]);
            error = TOps.FusedMultiplyAdd(gk, p1, error);
            d1 = TOps.FusedMultiplyAdd(gk, x, d1);
            gk = TOps.Create(g[2]);
            error = TOps.FusedMultiplyAdd(gk, p2, error);
            d2 = TOps.FusedMultiplyAdd(gk, x, d2);
            gk = TOps.Create(g[3]);
            error = TOps.FusedMultiplyAdd(gk, p3, error);
            d3 = TOps.FusedMultiplyAdd(gk, x, d3);
            if (!four)
            {
                gk = TOps.Create(g[4]);
                error = TOps.FusedMultiplyAdd(gk, p4, error);
                d4 = TOps.FusedMultiplyAdd(gk, x, d4);
                gk = TOps.Create(g[5]);
                error = TOps.FusedMultiplyAdd(gk, p5, error);
                d5 = TOps.FusedMultiplyAdd(gk, x, d5);
            }

            if (eight)
            {
                gk = TOps.Create(g[6]);
                error = TOps.FusedMultiplyAdd(gk, p6, error);
                d6 = TOps.FusedMultiplyAdd(gk, x, d6);
                gk = TOps.Create(g[7]);
                error = TOps.FusedMultiplyAdd(gk, p7, error);
                d7 = TOps.FusedMultiplyAdd(gk, x, d7);
            }

            if (last)
            {
                TOps.Store(TOps.Add(x, error), row);
            }
            else
            {
                TOps.Store(error, e);
            }
        }

        if (direct)
        {
            // In target order, each row reloaded: a target named twice has the first delta when the second is added.
            AddDelta(outputs[k] + j, d0);
            AddDeltaIf(outputs, k + 1, rows, j, d1);
            AddDeltaIf(outputs, k + 2, rows, j, d2);
            AddDeltaIf(outputs, k + 3, rows, j, d3);
            if (!four)
            {
                AddDeltaIf(outputs, k + 4, rows, j, d4);
                AddDeltaIf(outputs, k + 5, rows, j, d5);
            }

            if (eight)
            {
                AddDeltaIf(outputs, k + 6, rows, j, d6);
                AddDeltaIf(outputs, k + 7, rows, j, d7);
            }

            return;
        }

        // Slots past the last target land in the scratch's rounded-up rows and are never added.
        float* o = deltaOutput + k * TOps.Count;
        TOps.Store(d0, o);
        TOps.Store(d1, o + TOps.Count);
        TOps.Store(d2, o + 2 * TOps.Count);
        TOps.Store(d3, o + 3 * TOps.Count);
        if (!four)
        {
            TOps.Store(d4, o + 4 * TOps.Count);
            TOps.Store(d5, o + 5 * TOps.Count);
        }

        if (eight)
        {
            TOps.Store(d6, o + 6 * TOps.Count);
            TOps.Store(d7, o + 7 * TOps.Count);
        }
    }

    /// <summary>
    /// <see cref="FusedTile"/>'s six-wide tile with distinct contexts over chunks [0, <paramref name="width"/>) two
    /// at a time: twelve target chunks and twelve ΔO accumulators in registers, so each broadcast gradient feeds four
    /// FMAs. Its own method: the JIT inlines nothing with this many locals, and one call per batch costs nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SixTwoChunks(float** inputs, float** outputs, float* gradients, int stride, int count, int rows, int width)
    {
        int n = TOps.Count;
        float* o0 = outputs[0], o1 = outputs[1], o2 = outputs[2], o3 = outputs[3], o4 = outputs[4], o5 = outputs[rows - 1];
        for (int j = 0; j < width; j += 2 * n)
        {
            TVec p0 = TOps.Load(o0 + j), q0 = TOps.Load(o0 + j + n);
            TVec p1 = TOps.Load(o1 + j), q1 = TOps.Load(o1 + j + n);
            TVec p2 = TOps.Load(o2 + j), q2 = TOps.Load(o2 + j + n);
            TVec p3 = TOps.Load(o3 + j), q3 = TOps.Load(o3 + j + n);
            TVec p4 = TOps.Load(o4 + j), q4 = TOps.Load(o4 + j + n);
            TVec p5 = TOps.Load(o5 + j), q5 = TOps.Load(o5 + j + n);
            TVec d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default;
            TVec e0 = default, e1 = default, e2 = default, e3 = default, e4 = default, e5 = default;
            float* g = gradients;
            for (int i = 0; i < count; i++, g += stride)
            {
                float* row = inputs[i] + j;
                TVec x = TOps.Load(row), y = TOps.Load(row + n);
                TVec gk = TOps.Create(g[0]);
                TVec error = TOps.FusedMultiplyAdd(gk, p0, TOps.Create(0f)), other = TOps.FusedMultiplyAdd(gk, q0, TOps.Create(0f));
                d0 = TOps.FusedMultiplyAdd(gk, x, d0);
                e0 = TOps.FusedMultiplyAdd(gk, y, e0);
                gk = TOps.Create(g[1]);
                error = TOps.FusedMultiplyAdd(gk, p1, error);
                other = TOps.FusedMultiplyAdd(gk, q1, other);
                d1 = TOps.FusedMultiplyAdd(gk, x, d1);
                e1 = TOps.FusedMultiplyAdd(gk, y, e1);
                gk = TOps.Create(g[2]);
                error = TOps.FusedMultiplyAdd(gk, p2, error);
                other = TOps.FusedMultiplyAdd(gk, q2, other);
                d2 = TOps.FusedMultiplyAdd(gk, x, d2);
                e2 = TOps.FusedMultiplyAdd(gk, y, e2);
                gk = TOps.Create(g[3]);
                error = TOps.FusedMultiplyAdd(gk, p3, error);
                other = TOps.FusedMultiplyAdd(gk, q3, other);
                d3 = TOps.FusedMultiplyAdd(gk, x, d3);
                e3 = TOps.FusedMultiplyAdd(gk, y, e3);
                gk = TOps.Create(g[4]);
                error = TOps.FusedMultiplyAdd(gk, p4, error);
                other = TOps.FusedMultiplyAdd(gk, q4, other);
                d4 = TOps.FusedMultiplyAdd(gk, x, d4);
                e4 = TOps.FusedMultiplyAdd(gk, y, e4);
                gk = TOps.Create(g[5]);
                error = TOps.FusedMultiplyAdd(gk, p5, error);
                other = TOps.FusedMultiplyAdd(gk, q5, other);
                d5 = TOps.FusedMultiplyAdd(gk, x, d5);
                e5 = TOps.FusedMultiplyAdd(gk, y, e5);
                TOps.Store(TOps.Add(x, error), row);
                TOps.Store(TOps.Add(y, other), row + n);
            }

            // In target order, each row reloaded (a repeated target gets both deltas); with M+1 = 5 slot 5 repeats
            // target 4 under gradient 0 and is not added.
            AddDelta(o0 + j, d0);
            AddDelta(o0 + j + n, e0);
            AddDelta(o1 + j, d1);
            AddDelta(o1 + j + n, e1);
            AddDelta(o2 + j, d2);
            AddDelta(o2 + j + n, e2);
            AddDelta(o3 + j, d3);
            AddDelta(o3 + j + n, e3);
            AddDelta(o4 + j, d4);
            AddDelta(o4 + j + n, e4);
            if (rows == 6)
            {
                AddDelta(o5 + j, d5);
                AddDelta(o5 + j + n, e5);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDelta(float* row, TVec delta) => TOps.Store(TOps.Add(TOps.Load(row), delta), row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDeltaIf(float** outputs, int k, int rows, int j, TVec delta)
    {
        if (k < rows)
        {
            AddDelta(outputs[k] + j, delta);
        }
    }

    /// <summary>Whether a context id appears twice in the batch (then ΔC goes through scratch: every row is read before any is written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RepeatsContext(int* contextIds, int count)
    {
        if (Avx512F.IsSupported && count <= Vector512<int>.Count)
        {
            // All ids in one vector (lanes past count read nothing and hold −1, which no id is): each id against the
            // ones before it.
            Vector512<int> valid = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count));
            Vector512<int> ids = Avx512F.MaskLoad(contextIds, valid, Vector512.Create(-1));

            ulong seen = 0;
            for (int i = 1; i < count; i++)
            {
                seen |= Vector512.Equals(ids, Vector512.Create(contextIds[i])).ExtractMostSignificantBits() & ((1UL << i) - 1);
            }

            return seen != 0;
        }

        for (int i = 1; i < count; i++)
        {
            int id = contextIds[i];
            for (int h = 0; h < i; h++)
            {
                if (contextIds[h] == id)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

using System.Numerics;
using System.Numerics.Tensors;

namespace FastSgns.Distributed;

/// <summary>
/// A periodic sync's rows as bfloat16 changes, gathered from every rank instead of summed (<see cref="RowExchange"/>):
/// half the bytes, and no reduction inside MPI; each rank adds the gathered changes up itself, in rank order, so every
/// rank computes the same sums and the bases stay identical. Rounding loses nothing for good: the live row moves by
/// (new base − (base + the rounded change it sent)), which leaves what the rounding dropped (and whatever a worker
/// did meanwhile) in the row, so it differs from the base by that much and travels at its next sync (error feedback);
/// the final sync and a checkpoint's are exact. No copy of the rows sent is kept, so packing writes 2 bytes a value
/// where the single-precision sync writes 8 (change and copy), and applying reads 4 (the gathered changes of 2 ranks)
/// where it reads 8 (sum and copy): on a machine with as many cores as workers the sync thread's CPU is theirs.
/// </summary>
internal sealed partial class RowAverager
{
    /// <summary>bfloat16's 1.</summary>
    private const ushort Bf16One = 0x3F80;

    /// <summary>
    /// Packs the changes of the rows of hotness ranks [from, from + n) rounded to bfloat16 (to nearest, ties to even),
    /// a 1 if any element changed (decided in single precision) and the change's squared length, in one pass a row.
    /// </summary>
    public void PackBf16(int from, int n, Span<ushort> send)
    {
        int lanes = Vector<float>.Count, step = 2 * lanes;
        for (int i = 0; i < n; i++)
        {
            int r = RowOf(from + i);
            Span<ushort> change = send.Slice(i * Width, Width);
            ReadOnlySpan<float> row = _live.Row(r), reference = _base.Row(r);
            var squares = Vector<float>.Zero;
            var bits = Vector<uint>.Zero;
            int j = 0;
            for (; j <= Dim - step; j += step)
            {
                Vector<float> low = new Vector<float>(row[j..]) - new Vector<float>(reference[j..]);
                Vector<float> high = new Vector<float>(row[(j + lanes)..]) - new Vector<float>(reference[(j + lanes)..]);
                squares += (low * low) + (high * high);
                Vector<uint> lowBits = Vector.AsVectorUInt32(low), highBits = Vector.AsVectorUInt32(high);
                bits |= lowBits | highBits;
                Vector.Narrow(RoundToBf16(lowBits), RoundToBf16(highBits)).CopyTo(change[j..]);
            }

            float tailSquares = 0;
            uint tailBits = 0;
            for (; j < Dim; j++)
            {
                float difference = row[j] - reference[j];
                tailSquares += difference * difference;
                tailBits |= BitConverter.SingleToUInt32Bits(difference);
                change[j] = ToBf16(difference);
            }

            bool changed = (bits & new Vector<uint>(NotSign)) != Vector<uint>.Zero || (tailBits & NotSign) != 0;
            change[Dim] = changed ? Bf16One : (ushort)0;
            change[Dim + 1] = ToBf16(Vector.Sum(squares) + tailSquares);
        }
    }

    /// <summary>
    /// Applies the gathered changes of the rows <see cref="PackBf16"/> packed: rank k's slot of the row i is at
    /// k·<paramref name="stride"/> + <paramref name="offset"/> + i·<see cref="Width"/> of <paramref name="gathered"/>,
    /// this rank's is k = <paramref name="self"/>; <paramref name="sum"/> (<see cref="Width"/> floats) is scratch.
    /// Returns how many of the rows some rank had changed.
    /// </summary>
    public int ApplyBf16(int from, int n, ReadOnlySpan<ushort> gathered, int offset, int stride, int ranks, int self, Span<float> sum)
    {
        int lanes = Vector<float>.Count, step = 2 * lanes;
        int changed = 0;
        for (int i = 0; i < n; i++)
        {
            int slot = offset + (i * Width);
            float changers = 0, squares = 0;
            sum[..Dim].Clear();
            for (int k = 0; k < ranks; k++)
            {
                ReadOnlySpan<ushort> change = gathered.Slice((k * stride) + slot, Width);
                if (change[Dim] != 0)
                {
                    // In rank order on every rank, the ranks that made no change skipped alike: the same sums everywhere.
                    changers++;
                    squares += FromBf16(change[Dim + 1]);
                    AddWidened(change[..Dim], sum);
                }
            }

            if (changers == 0)
            {
                continue;
            }

            changed++;
            sum[Dim] = changers;
            sum[Dim + 1] = squares;
            float share = 1 / Divisor(sum);
            int r = RowOf(from + i);
            Span<float> row = _live.Row(r), reference = _base.Row(r);
            ReadOnlySpan<ushort> own = gathered.Slice((self * stride) + slot, Width);
            if (changers == 1 && own[Dim] != 0)
            {
                // Only this rank changed it: the new base is base + its own rounded change (share 1), which is what
                // the live row sent, so the row stays as it is (the move below is exactly 0); a cold row's usual case.
                TensorPrimitives.Add(reference, sum[..Dim], reference);
                continue;
            }

            var scale = new Vector<float>(share);
            int j = 0;
            for (; j <= Dim - step; j += step)
            {
                (Vector<float> low, Vector<float> high) = Widen(own[j..]);
                Move(row[j..], reference[j..], sum[j..], low, scale);
                Move(row[(j + lanes)..], reference[(j + lanes)..], sum[(j + lanes)..], high, scale);
            }

            for (; j < Dim; j++)
            {
                float next = reference[j] + (sum[j] * share);
                row[j] += next - (reference[j] + FromBf16(own[j]));
                reference[j] = next;
            }
        }

        return changed;
    }

    /// <summary>The new base (base + the sum's share) and the live row moved by (new base − what it sent), a vector at a time.</summary>
    private static void Move(Span<float> row, Span<float> reference, ReadOnlySpan<float> sum, Vector<float> own, Vector<float> scale)
    {
        var before = new Vector<float>(reference);
        Vector<float> next = before + (new Vector<float>(sum) * scale);
        (new Vector<float>(row) + (next - (before + own))).CopyTo(row);
        next.CopyTo(reference);
    }

    /// <summary>Adds bfloat16 <paramref name="change"/> to <paramref name="sum"/> in single precision (exact widening).</summary>
    private static void AddWidened(ReadOnlySpan<ushort> change, Span<float> sum)
    {
        int lanes = Vector<float>.Count, j = 0;
        for (; j <= change.Length - (2 * lanes); j += 2 * lanes)
        {
            (Vector<float> low, Vector<float> high) = Widen(change[j..]);
            (new Vector<float>(sum[j..]) + low).CopyTo(sum[j..]);
            (new Vector<float>(sum[(j + lanes)..]) + high).CopyTo(sum[(j + lanes)..]);
        }

        for (; j < change.Length; j++)
        {
            sum[j] += FromBf16(change[j]);
        }
    }

    private static (Vector<float> Low, Vector<float> High) Widen(ReadOnlySpan<ushort> values)
    {
        Vector.Widen(new Vector<ushort>(values), out Vector<uint> low, out Vector<uint> high);
        return (Vector.AsVectorSingle(Vector.ShiftLeft(low, 16)), Vector.AsVectorSingle(Vector.ShiftLeft(high, 16)));
    }

    /// <summary>
    /// The upper 16 bits of each float after rounding to nearest, ties to even (in the low 16 bits of each lane). A NaN
    /// is truncated and kept quiet instead: rounding its payload up would carry into the sign and send −0, and the other
    /// ranks would not see that this rank's row diverged.
    /// </summary>
    internal static Vector<uint> RoundToBf16(Vector<uint> bits)
    {
        Vector<uint> rounded = Vector.ShiftRightLogical(bits + new Vector<uint>(0x7FFF) + (Vector.ShiftRightLogical(bits, 16) & Vector<uint>.One), 16);
        Vector<uint> nan = Vector.GreaterThan(bits & new Vector<uint>(0x7FFF_FFFF), new Vector<uint>(0x7F80_0000));
        return Vector.ConditionalSelect(nan, Vector.ShiftRightLogical(bits, 16) | new Vector<uint>(0x40), rounded);
    }

    internal static ushort ToBf16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return float.IsNaN(value) ? (ushort)((bits >> 16) | 0x40) : (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    private static float FromBf16(ushort value) => BitConverter.UInt32BitsToSingle((uint)value << 16);
}

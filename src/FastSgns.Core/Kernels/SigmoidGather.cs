using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// The sigmoid step shared by the SIMD kernels: from the M+1 dot products of a pair to the M+1 gradients
/// g_k = (label_k − σ(f_k))·alpha and the pair's loss, <typeparamref name="TOps"/>' width of lanes at a time, with
/// gathers from the tables. <see cref="IVectorOps{TVec}.Gradients"/> picks the width per instruction set.
/// </summary>
internal static unsafe class SigmoidGather<TOps, TVec>
    where TOps : struct, IGatherOps<TVec>
    where TVec : unmanaged
{
    /// <summary>
    /// Writes <paramref name="rows"/> gradients for the dots at <paramref name="dots"/> (row 0 is the positive) and
    /// returns the summed loss, including 0·f per row so that a NaN or infinite dot poisons it. Reads no dot past
    /// <paramref name="rows"/>; writes gradients up to the next multiple of the width (scratch is padded to 16).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gradients(in KernelContext c, float* dots, float* gradients, int rows, float alpha)
    {
        TVec maxExp = TOps.Create(c.MaxExp);
        TVec scale = TOps.Create(c.TableScale);
        TVec size = TOps.Create(c.TableSize);
        TVec alphas = TOps.Create(alpha);

        // Group 0 holds the positive: label 1 in lane 0, and its loss comes from the other table (added below).
        TVec first = TOps.TailMask(1);
        TVec labels = TOps.And(first, TOps.Create(1f));
        float loss = 0;
        for (int k = 0; k < rows; k += TOps.Count)
        {
            TVec valid = TOps.TailMask(rows - k);
            TVec f = TOps.LoadTail(dots + k, valid, rows - k);
            TVec entries = EntryOf(f, maxExp, scale, size);
            TVec sigma = TOps.Gather(c.Sigmoid, entries);
            TVec negativeLoss = TOps.Gather(c.NegativeLoss, entries);
            TOps.Store(TOps.Multiply(TOps.Subtract(labels, sigma), alphas), gradients + k);
            TVec counted = valid;
            if (k == 0)
            {
                loss = c.PositiveLoss[TOps.FirstInt32(entries)] + 0f * TOps.First(f);
                counted = TOps.AndNot(valid, first);
            }

            loss += TOps.Sum(TOps.And(TOps.Add(negativeLoss, TOps.Multiply(default, f)), counted));
            labels = default;
        }

        return loss;
    }

    /// <summary>
    /// <see cref="Gradients"/> for one context of a shared-negative batch, with the loss left in lanes: each row's loss
    /// (0·f included) is added to its lane of <paramref name="losses"/>, which the kernel sums once per call instead of
    /// once per context (a horizontal sum and a scalar table load per context were about a twentieth of the batched
    /// kernel). The positive's loss comes from the same gather as the negatives', its lane's index moved back by the
    /// tables' distance (see <see cref="LabelGradients"/>). Same gradients, same bounds as <see cref="Gradients"/>; the
    /// loss's order of additions differs from the scalar kernel's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchGradients(in KernelContext c, float* dots, float* gradients, int rows, float alpha, float* losses)
    {
        TVec maxExp = TOps.Create(c.MaxExp);
        TVec scale = TOps.Create(c.TableScale);
        TVec size = TOps.Create(c.TableSize);
        TVec alphas = TOps.Create(alpha);
        TVec first = TOps.TailMask(1);
        TVec labels = TOps.And(first, TOps.Create(1f));
        // Same block, so the distance fits an int32 index (SigmoidTable.MaxSize); lane 0 of group 0 reads the positive table.
        TVec negativeGap = TOps.ToInt32(TOps.Create(c.NegativeLoss - c.PositiveLoss));
        TVec gaps = TOps.AndNot(negativeGap, first);
        TVec sum = TOps.Load(losses);
        for (int k = 0; k < rows; k += TOps.Count)
        {
            TVec valid = TOps.TailMask(rows - k);
            TVec f = TOps.LoadTail(dots + k, valid, rows - k);
            TVec entries = EntryOf(f, maxExp, scale, size);
            TVec sigma = TOps.Gather(c.Sigmoid, entries);
            TVec rowLoss = TOps.Gather(c.PositiveLoss, TOps.AddInt32(entries, gaps));
            TOps.Store(TOps.Multiply(TOps.Subtract(labels, sigma), alphas), gradients + k);
            sum = TOps.Add(sum, TOps.And(TOps.Add(rowLoss, TOps.Multiply(default, f)), valid));
            labels = default;
            gaps = negativeGap;
        }

        TOps.Store(sum, losses);
    }

    /// <summary>
    /// <see cref="Gradients"/> with a label per row (0 or 1) instead of the positive-first layout: g_k = (label_k −
    /// σ(f_k))·alpha, and the loss of row k from the positive table when its label is 1, the negative one otherwise.
    /// Same bounds: reads no dot or label past <paramref name="rows"/>, writes gradients up to the next multiple of the width.
    /// With <paramref name="skipSaturated"/> (hierarchical softmax; a constant at every call, so the JIT drops the
    /// other form) a lane with <see cref="SigmoidTable.IsSaturated"/>(f) gets gradient 0 by a mask, not a branch.
    /// A row's loss is one gather: <see cref="SigmoidTable"/> keeps the negative-loss table a fixed distance after the
    /// positive one, so a label-0 lane's index moves by that distance: two gathers per eight rows instead of three. The
    /// loss is summed as a vector and reduced once per call (its order of additions differs from the scalar kernel's).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LabelGradients(in KernelContext c, float* dots, float* labels, float* gradients, int rows, float alpha, bool skipSaturated)
    {
        TVec upper = TOps.Create(c.MaxExp);
        TVec lower = TOps.Create(-c.MaxExp);
        TVec maxExp = TOps.Create(c.MaxExp);
        TVec scale = TOps.Create(c.TableScale);
        TVec size = TOps.Create(c.TableSize);
        TVec alphas = TOps.Create(alpha);
        TVec one = TOps.Create(1f);
        // Same block, so the distance fits an int32 index (SigmoidTable.MaxSize).
        TVec negativeGap = TOps.ToInt32(TOps.Create(c.NegativeLoss - c.PositiveLoss));
        TVec losses = default;
        for (int k = 0; k < rows; k += TOps.Count)
        {
            TVec valid = TOps.TailMask(rows - k);
            TVec f = TOps.LoadTail(dots + k, valid, rows - k);
            TVec label = TOps.LoadTail(labels + k, valid, rows - k);
            TVec entries = EntryOf(f, maxExp, scale, size);
            TVec sigma = TOps.Gather(c.Sigmoid, entries);
            TVec rowLoss = TOps.Gather(c.PositiveLoss, TOps.AddInt32(entries, TOps.AndNot(negativeGap, TOps.EqualMask(label, one))));
            TVec gradient = TOps.Multiply(TOps.Subtract(label, sigma), alphas);
            if (skipSaturated)
            {
                gradient = TOps.And(gradient, TOps.And(TOps.LessThanMask(lower, f), TOps.LessThanMask(f, upper)));
            }

            TOps.Store(gradient, gradients + k);
            losses = TOps.Add(losses, TOps.And(TOps.Add(rowLoss, TOps.Multiply(default, f)), valid));
        }

        return TOps.Sum(losses);
    }

    /// <summary>
    /// <see cref="SigmoidTable.EntryOf"/> lane by lane, bit for bit: floor((x + maxExp)·scale) clamped to [−1, size],
    /// plus one, as int32 lanes. NaN is cleared first (the scalar (int) cast takes it to 0), so the clamp never sees
    /// NaN, and infinities and huge values clamp before the conversion, which is then exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec EntryOf(TVec x, TVec maxExp, TVec scale, TVec size)
    {
        TVec bucket = TOps.Floor(TOps.Multiply(TOps.Add(x, maxExp), scale));
        bucket = TOps.And(bucket, TOps.EqualMask(bucket, bucket));
        bucket = TOps.Min(size, TOps.Max(TOps.Create(-1f), bucket));

        // Exact in float: |bucket| ≤ size < 2^24 (SigmoidTable's limit).
        return TOps.ToInt32(TOps.Add(bucket, TOps.Create(1f)));
    }
}

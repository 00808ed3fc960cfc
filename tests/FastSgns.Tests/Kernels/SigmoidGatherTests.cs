using System.Runtime.Intrinsics;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

public sealed unsafe class SigmoidGatherTests
{
    private static readonly SigmoidTable s_table = new();

    /// <summary>Edges of every bucket (and one float either side), junk and random values, padded to a multiple of 16 lanes.</summary>
    private static readonly float[] s_values = Values();

    /// <summary>The vector entry computation must equal <see cref="SigmoidTable.EntryOf"/> everywhere, edges and junk included.</summary>
    [Fact]
    public void EntryOf_MatchesScalar_OnEdgesAndSpecialValues_AtEveryGatherWidth()
    {
        Assert.SkipUnless(Avx2Ops.IsSupported, "Avx2Ops needs AVX2 and FMA");
        AssertEntries<Avx2Ops, Vector256<float>>();
        AssertEntries<Vector128Ops, Vector128<float>>();
        AssertEntries<PortableVector128Ops, Vector128<float>>();
    }

    [Fact]
    public void EntryOf_MatchesScalar_OnEdgesAndSpecialValues_InVector128()
    {
        Assert.SkipUnless(Vector128Ops.IsSupported, "Vector128 is not hardware accelerated here");
        AssertEntries<Vector128Ops, Vector128<float>>();
        AssertEntries<PortableVector128Ops, Vector128<float>>();
    }

    /// <summary>
    /// The labelled sigmoid step at every gather width against the scalar rule row by row: the same gradients bit for
    /// bit (saturated rows zeroed), and the loss, each row's from the positive table when its label is 1 and the
    /// negative one otherwise (one gather from both), summed; 1 to 40 rows, both labels, dots across the whole table
    /// and past it, with the default table and a large one (the distance between its two loss tables is larger).
    /// </summary>
    [Fact]
    public void LabelGradients_MatchesScalarRowByRow_AtEveryGatherWidth()
    {
        Assert.SkipUnless(Avx2Ops.IsSupported, "Avx2Ops needs AVX2 and FMA");
        using var large = new SigmoidTable(1 << 21);
        foreach (SigmoidTable table in new[] { s_table, large })
        {
            AssertLabelGradients<Avx2Ops, Vector256<float>>(table);
            AssertLabelGradients<Vector128Ops, Vector128<float>>(table);
            AssertLabelGradients<PortableVector128Ops, Vector128<float>>(table);
        }
    }

    private static void AssertLabelGradients<TOps, TVec>(SigmoidTable table)
        where TOps : struct, IGatherOps<TVec>
        where TVec : unmanaged
    {
        const float alpha = 0.025f;
        var random = new Random(11);
        float* scratch = stackalloc float[16];
        float* gradients = stackalloc float[48];
        var context = new KernelContext(scratch, 1, scratch, 1, 1, table, scratch, 16);
        for (int rows = 1; rows <= 40; rows++)
        {
            float[] dots = [.. Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() * 16 - 8))];
            float[] labels = [.. Enumerable.Range(0, rows).Select(_ => (float)random.Next(2))];
            foreach (bool skip in new[] { true, false })
            {
                float loss;
                fixed (float* d = dots, l = labels)
                {
                    loss = SigmoidGather<TOps, TVec>.LabelGradients(context, d, l, gradients, rows, alpha, skip);
                }

                double expectedLoss = 0;
                for (int k = 0; k < rows; k++)
                {
                    int entry = SigmoidTable.EntryOf(dots[k], table.MaxExp, table.Scale, table.Size);
                    expectedLoss += labels[k] != 0 ? context.PositiveLoss[entry] : context.NegativeLoss[entry];
                    float expected = skip && SigmoidTable.IsSaturated(dots[k], table.MaxExp) ? 0f : (labels[k] - context.Sigmoid[entry]) * alpha;
                    Assert.True(expected.Equals(gradients[k]), $"{TOps.Name}, size {table.Size}, {rows} rows, row {k}: gradient {gradients[k]:R}, expected {expected:R}");
                }

                Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * Math.Max(1, Math.Abs(expectedLoss)),
                    $"{TOps.Name}, size {table.Size}, {rows} rows: loss {loss:R}, expected {expectedLoss:R}");
            }
        }
    }

    /// <summary>
    /// The batched step at every gather width against <see cref="SigmoidGather{TOps, TVec}.Gradients"/>: the same
    /// gradients bit for bit, and its lanes, added to what the accumulator held, sum to the same loss (the positive's
    /// from the positive table by the moved index); 1 to 40 rows, both tables; a NaN dot leaves a NaN lane.
    /// </summary>
    [Fact]
    public void BatchGradients_MatchesGradients_AndAccumulatesTheLossInLanes_AtEveryGatherWidth()
    {
        Assert.SkipUnless(Avx2Ops.IsSupported, "Avx2Ops needs AVX2 and FMA");
        using var large = new SigmoidTable(1 << 21);
        foreach (SigmoidTable table in new[] { s_table, large })
        {
            AssertBatchGradients<Avx2Ops, Vector256<float>>(table);
            AssertBatchGradients<Vector128Ops, Vector128<float>>(table);
            AssertBatchGradients<PortableVector128Ops, Vector128<float>>(table);
        }
    }

    private static void AssertBatchGradients<TOps, TVec>(SigmoidTable table)
        where TOps : struct, IGatherOps<TVec>
        where TVec : unmanaged
    {
        const float alpha = 0.025f;
        var random = new Random(12);
        float* scratch = stackalloc float[16];
        float* expected = stackalloc float[48];
        float* actual = stackalloc float[48];
        float* lanes = stackalloc float[16];
        var context = new KernelContext(scratch, 1, scratch, 1, 1, table, scratch, 16);
        for (int rows = 1; rows <= 40; rows++)
        {
            float[] dots = [.. Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() * 16 - 8))];
            for (int l = 0; l < 16; l++)
            {
                lanes[l] = l < TOps.Count ? 1f : 0f;
            }

            float loss;
            fixed (float* d = dots)
            {
                loss = SigmoidGather<TOps, TVec>.Gradients(context, d, expected, rows, alpha);
                SigmoidGather<TOps, TVec>.BatchGradients(context, d, actual, rows, alpha, lanes);
            }

            for (int k = 0; k < rows; k++)
            {
                Assert.True(expected[k].Equals(actual[k]), $"{TOps.Name}, size {table.Size}, {rows} rows, row {k}: gradient {actual[k]:R}, expected {expected[k]:R}");
            }

            double sum = -TOps.Count;
            for (int l = 0; l < 16; l++)
            {
                sum += lanes[l];
            }

            Assert.True(Math.Abs(sum - loss) <= 1e-5 * Math.Max(1, Math.Abs(loss)), $"{TOps.Name}, size {table.Size}, {rows} rows: lanes sum to {sum:R}, loss {loss:R}");
            Assert.True(lanes[TOps.Count] == 0f, $"{TOps.Name}: a lane past the gather width was written");
        }

        float[] poisoned = [0.5f, float.NaN, -1f];
        for (int l = 0; l < 16; l++)
        {
            lanes[l] = 0;
        }

        fixed (float* d = poisoned)
        {
            SigmoidGather<TOps, TVec>.BatchGradients(context, d, actual, poisoned.Length, alpha, lanes);
        }

        Assert.True(float.IsNaN(lanes[0] + lanes[1] + lanes[2]), $"{TOps.Name}: a NaN dot must poison the loss");
    }

    private static void AssertEntries<TOps, TVec>()
        where TOps : struct, IGatherOps<TVec>
        where TVec : unmanaged
    {
        TVec maxExp = TOps.Create(s_table.MaxExp), scale = TOps.Create(s_table.Scale), size = TOps.Create(s_table.Size);
        int* entries = stackalloc int[TOps.Count];
        fixed (float* values = s_values)
        {
            for (int i = 0; i < s_values.Length; i += TOps.Count)
            {
                TOps.Store(SigmoidGather<TOps, TVec>.EntryOf(TOps.Load(values + i), maxExp, scale, size), (float*)entries);
                for (int lane = 0; lane < TOps.Count; lane++)
                {
                    float x = values[i + lane];
                    int expected = SigmoidTable.EntryOf(x, s_table.MaxExp, s_table.Scale, s_table.Size);
                    Assert.True(expected == entries[lane], $"{TOps.Name}: x = {x:R}: entry {entries[lane]}, expected {expected}");
                }
            }
        }
    }

    private static float[] Values()
    {
        var values = new List<float>
        {
            float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, 3e9f, -3e9f,
            1e10f, -1e10f, 0f, -0f, float.Epsilon, -float.Epsilon, s_table.MaxExp, -s_table.MaxExp,
        };
        for (int i = -2; i <= s_table.Size + 2; i++)
        {
            float edge = i / s_table.Scale - s_table.MaxExp;
            values.AddRange([edge, MathF.BitDecrement(edge), MathF.BitIncrement(edge)]);
        }

        var random = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            values.Add((float)(random.NextDouble() * 20 - 10));
        }

        while (values.Count % 16 != 0)
        {
            values.Add(0);
        }

        return [.. values];
    }
}

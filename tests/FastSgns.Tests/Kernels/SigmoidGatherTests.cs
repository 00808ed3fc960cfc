using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

public sealed class SigmoidGatherTests
{
    /// <summary>The vector entry computation must equal <see cref="SigmoidTable.EntryOf"/> everywhere, edges and junk included.</summary>
    [Fact]
    public void EntryOf_MatchesScalar_OnEdgesAndSpecialValues()
    {
        Assert.SkipUnless(Avx2.IsSupported, "needs AVX2");
        using var table = new SigmoidTable();
        var values = new List<float>
        {
            float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, 3e9f, -3e9f,
            1e10f, -1e10f, 0f, -0f, float.Epsilon, -float.Epsilon, table.MaxExp, -table.MaxExp,
        };
        for (int i = -2; i <= table.Size + 2; i++)
        {
            float edge = i / table.Scale - table.MaxExp;
            values.AddRange([edge, MathF.BitDecrement(edge), MathF.BitIncrement(edge)]);
        }

        var random = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            values.Add((float)(random.NextDouble() * 20 - 10));
        }

        while (values.Count % 8 != 0)
        {
            values.Add(0);
        }

        var maxExp = Vector256.Create(table.MaxExp);
        var scale = Vector256.Create(table.Scale);
        var size = Vector256.Create((float)table.Size);
        for (int i = 0; i < values.Count; i += 8)
        {
            Vector256<int> entries = SigmoidGather.EntryOf(Vector256.Create(values.GetRange(i, 8).ToArray()), maxExp, scale, size);
            for (int lane = 0; lane < 8; lane++)
            {
                float x = values[i + lane];
                Assert.True(SigmoidTable.EntryOf(x, table.MaxExp, table.Scale, table.Size) == entries[lane], $"x = {x:R}: entry {entries[lane]}");
            }
        }
    }
}

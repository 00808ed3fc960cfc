using System.Runtime.Intrinsics;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// <see cref="Bf16"/>'s stochastic rounding: unbiased, small updates kept on average (where rounding to nearest loses
/// them), and every width's vector members bit-identical to the scalar ones the reference kernel uses.
/// </summary>
public sealed unsafe class Bf16RoundingTests
{
    /// <summary>
    /// 1 + 2^−10 lies an eighth of the way from bf16's 1 to its next value 1 + 2^−7: rounded 400,000 times, the mean
    /// must be within 5 standard errors of it (σ of one rounding is 2^−7·√(p(1−p)), p = 1/8), and so must a negative
    /// value's, whose magnitude rounds the same way.
    /// </summary>
    [Theory]
    [InlineData(1 + 1f / 1024)]
    [InlineData(-(1 + 1f / 1024))]
    [InlineData(3.14159265f)]
    [InlineData(1e-20f)]
    public void Round_IsUnbiased(float value)
    {
        uint* lanes = stackalloc uint[Bf16.Lanes];
        Bf16.Seed(lanes, 42);
        const int n = 400_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Bf16.Widen(Bf16.Round(value, Bf16.Next(ref lanes[i % Bf16.Lanes])));
        }

        double below = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(value) & 0xFFFF0000);
        double above = BitConverter.UInt32BitsToSingle((BitConverter.SingleToUInt32Bits(value) & 0xFFFF0000) + 0x10000);
        double p = (value - below) / (above - below);
        double standardError = Math.Abs(above - below) * Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(sum / n, value - 5 * standardError - 1e-30, value + 5 * standardError + 1e-30);
    }

    /// <summary>
    /// 10,000 updates of +1e−5 to a bf16 1.0, each stored back: a 781st of a bf16 step (2^−7) each, so rounding to
    /// nearest leaves the value at 1.0, while stochastic rounding reaches 1.1 on average. One walk ends anywhere from
    /// about 1.03 to 1.17 (it takes about 12.8 ± 3.6 steps); the mean of 200 walks is within 0.01 of 1.1 (5 standard errors).
    /// </summary>
    [Fact]
    public void Round_KeepsSmallUpdatesOnAverage()
    {
        uint* lanes = stackalloc uint[Bf16.Lanes];
        const int walks = 200;
        double sum = 0;
        ushort nearest = Bf16.Round(1f, 0);
        for (int walk = 0; walk < walks; walk++)
        {
            Bf16.Seed(lanes, (ulong)walk);
            ushort stochastic = Bf16.Round(1f, 0);
            for (int i = 0; i < 10_000; i++)
            {
                stochastic = Bf16.Round(Bf16.Widen(stochastic) + 1e-5f, Bf16.Next(ref lanes[i % Bf16.Lanes]));
                if (walk == 0)
                {
                    nearest = Bf16.Round(Bf16.Widen(nearest) + 1e-5f, 0x7FFF);
                }
            }

            sum += Bf16.Widen(stochastic);
        }

        Assert.Equal(1f, Bf16.Widen(nearest));
        Assert.InRange(sum / walks, 1.09, 1.11);
    }

    [Fact]
    public void Round_KeepsBf16ValuesAndSpecials()
    {
        foreach (float exact in new[] { 0f, -0f, 1f, -2.5f, 0.125f, float.PositiveInfinity, float.NegativeInfinity })
        {
            Assert.Equal(exact, Bf16.Widen(Bf16.Round(exact, 0xFFFF)));
        }

        Assert.True(float.IsNaN(Bf16.Widen(Bf16.Round(float.NaN, 0xFFFF))));
    }

    [Fact]
    public void Seed_GivesDistinctLanes_AndDependsOnTheSeed()
    {
        uint* a = stackalloc uint[Bf16.Lanes];
        uint* b = stackalloc uint[Bf16.Lanes];
        Bf16.Seed(a, 1);
        Bf16.Seed(b, 2);
        var first = new Span<uint>(a, Bf16.Lanes).ToArray();
        Assert.Equal(Bf16.Lanes, first.Distinct().Count());
        Assert.False(first.AsSpan().SequenceEqual(new Span<uint>(b, Bf16.Lanes)));
    }

    [Fact]
    public void VectorMembers_MatchScalar_Avx512() => CheckOps<Avx512Ops, Vector512<float>>();

    [Fact]
    public void VectorMembers_MatchScalar_Avx2() => CheckOps<Avx2Ops, Vector256<float>>();

    [Fact]
    public void VectorMembers_MatchScalar_Vector128() => CheckOps<Vector128Ops, Vector128<float>>();

    [Fact]
    public void VectorMembers_MatchScalar_PortableVector128() => CheckOps<PortableVector128Ops, Vector128<float>>();

    /// <summary>Widening is exact, a jump of three steps lands where three scalar steps do, and storing rounds element i with lane i's draw, as the scalar members do.</summary>
    private static void CheckOps<TOps, TVec>()
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        if (!TOps.IsSupported)
        {
            Assert.Skip($"{TOps.Name} cannot run on this machine");
        }

        var random = new Random(TOps.Count);
        int n = TOps.Count;
        float* values = stackalloc float[n];
        ushort* stored = stackalloc ushort[n + 1];
        uint* lanes = stackalloc uint[n];
        uint* scalarLanes = stackalloc uint[n];
        float* widened = stackalloc float[n];
        for (int round = 0; round < 2000; round++)
        {
            for (int i = 0; i < n; i++)
            {
                values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-30, 30)));
                lanes[i] = scalarLanes[i] = (uint)random.Next() * 2654435761u;
            }

            stored[n] = 0xBEEF;
            // Three steps in one jump (a³, and the increment three steps add), then the store with those draws.
            uint multiplier = unchecked(Bf16.Multiplier * Bf16.Multiplier * Bf16.Multiplier);
            uint increment = unchecked(((Bf16.Increment * Bf16.Multiplier) + Bf16.Increment) * Bf16.Multiplier + Bf16.Increment);
            TVec state = TOps.StepLanes(TOps.Load((float*)lanes), multiplier, increment);
            TOps.Store(state, (float*)lanes);
            TOps.StoreBf16(stored, TOps.Load(values), state);
            for (int i = 0; i < n; i++)
            {
                Bf16.Next(ref scalarLanes[i]);
                Bf16.Next(ref scalarLanes[i]);
                Assert.Equal(Bf16.Round(values[i], Bf16.Next(ref scalarLanes[i])), stored[i]);
                Assert.Equal(scalarLanes[i], lanes[i]);
            }

            Assert.Equal(0xBEEF, stored[n]);
            TOps.Store(TOps.WidenBf16(stored), widened);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits(Bf16.Widen(stored[i])), BitConverter.SingleToUInt32Bits(widened[i]));
            }
        }
    }
}

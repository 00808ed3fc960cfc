using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// The per-pair kernel's register path (VectorKernel.PairDots) must give the dots and gradients of the path through
/// memory bit for bit, or one thread's vectors would change: the permute trees against Vector512.Sum and
/// Vector256.Sum, and the sigmoid step from a register against the one from stored dots.
/// </summary>
public sealed unsafe class PairRegisterDotsTests
{
    /// <summary>Lanes of mixed signs and magnitudes 1e-6 to 1e6, where the order of the additions shows in the bits.</summary>
    private static float[] Lanes(int seed, int count)
    {
        var random = new Random(seed);
        var lanes = new float[count];
        for (int i = 0; i < count; i++)
        {
            lanes[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)));
        }

        return lanes;
    }

    [Fact]
    public void ExactSums512_EqualVector512Sum_BitForBit()
    {
        Assert.SkipUnless(Avx512F.IsSupported, "needs AVX-512");
        int differentOrder = 0;
        for (int seed = 0; seed < 500; seed++)
        {
            float[] lanes = Lanes(seed, 8 * 16);
            var a = new Vector512<float>[8];
            for (int k = 0; k < 8; k++)
            {
                a[k] = Vector512.Create(lanes.AsSpan(16 * k, 16));
            }

            Vector256<float> sums = VectorKernel<Avx512Ops, Vector512<float>>.ExactSums(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            for (int k = 0; k < 8; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(Vector512.Sum(a[k])), BitConverter.SingleToInt32Bits(sums.GetElement(k)));
                differentOrder += Vector512.Sum(a[k]) != Vector256.Sum(a[k].GetLower() + a[k].GetUpper()) ? 1 : 0;
            }
        }

        // The data can tell trees apart: halves first (another common tree) differs on some accumulators.
        Assert.True(differentOrder > 0, "the lanes are too tame to test the order of the additions");
    }

    [Fact]
    public void ExactSums256_EqualVector256Sum_BitForBit()
    {
        Assert.SkipUnless(Avx2.IsSupported, "needs AVX2");
        for (int seed = 0; seed < 500; seed++)
        {
            float[] lanes = Lanes(seed, 8 * 8);
            var a = new Vector256<float>[8];
            for (int k = 0; k < 8; k++)
            {
                a[k] = Vector256.Create(lanes.AsSpan(8 * k, 8));
            }

            Vector256<float> sums = VectorKernel<Avx2Ops, Vector256<float>>.ExactSums(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            for (int k = 0; k < 8; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(Vector256.Sum(a[k])), BitConverter.SingleToInt32Bits(sums.GetElement(k)));
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    public void GradientsOf_Register_EqualsGradients_FromStoredDots(int rows)
    {
        Assert.SkipUnless(Avx2Ops.IsSupported, "Avx2Ops needs AVX2 and FMA");
        using var table = new SigmoidTable();
        float* scratch = stackalloc float[64];
        var context = new KernelContext(scratch, 1, scratch, 1, 1, table, scratch, 64);
        float* dots = stackalloc float[16];
        float* expected = stackalloc float[16];
        float* actual = stackalloc float[16];
        var random = new Random(rows);
        for (int round = 0; round < 200; round++)
        {
            for (int k = 0; k < 8; k++)
            {
                // Inside and beyond ±MaxExp, and now and then a bucket edge.
                dots[k] = k < rows ? (float)((random.NextDouble() - 0.5) * 16) : 0f;
            }

            float expectedLoss = SigmoidGather<Avx2Ops, Vector256<float>>.Gradients(context, dots, expected, rows, 0.025f);
            float actualLoss = SigmoidGather<Avx2Ops, Vector256<float>>.GradientsOf(context, Vector256.Load(dots), actual, rows, 0.025f);
            Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(actualLoss));
            for (int k = 0; k < rows; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[k]), BitConverter.SingleToInt32Bits(actual[k]));
            }
        }
    }
}

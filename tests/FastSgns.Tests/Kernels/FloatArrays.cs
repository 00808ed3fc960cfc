namespace FastSgns.Tests.Kernels;

/// <summary>Random float buffers and the element-wise comparison every kernel parity test uses.</summary>
internal static class FloatArrays
{
    public static float[] Fill(Random random, int length, Func<Random, float> next)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = next(random);
        }

        return values;
    }

    /// <summary>|actual − expected| ≤ tolerance·max(1, |expected|) element-wise; tolerance 0 demands identical bits.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool ok = tolerance == 0
                ? BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                : Math.Abs(actual[i] - (double)expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(ok, $"{where}: element {i} is {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}

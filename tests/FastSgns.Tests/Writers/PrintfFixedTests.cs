using System.Globalization;
using System.Text;
using FastSgns.Writers;

namespace FastSgns.Tests.Writers;

public sealed class PrintfFixedTests
{
    private static string Format(float value)
    {
        byte[] buffer = new byte[PrintfFixed.MaxLength];
        return Encoding.ASCII.GetString(buffer, 0, PrintfFixed.Format(value, buffer));
    }

    // Exact ties at the sixth decimal, as glibc's printf("%lf") rounds them (to even; checked with C's snprintf).
    [Theory]
    [InlineData(0.0078125f, "0.007812")]
    [InlineData(0.0234375f, "0.023438")]
    [InlineData(-0.0078125f, "-0.007812")]
    [InlineData(-1e-9f, "-0.000000")]
    [InlineData(-0f, "-0.000000")]
    [InlineData(0f, "0.000000")]
    [InlineData(1.4e-45f, "0.000000")]
    [InlineData(123.456789f, "123.456787")]
    [InlineData(8388607.5f, "8388607.500000")]
    [InlineData(16777216f, "16777216.000000")]
    [InlineData(-3.4028235e38f, "-340282346638528859811704183484516925440.000000")]
    public void Format_MatchesCPrintf(float value, string expected) => Assert.Equal(expected, Format(value));

    [Fact]
    public void Format_EqualsTheGeneralFormatter_OverEveryExponentOfAFloat()
    {
        // Random mantissas at every binary exponent up to 2^24, both signs: the general formatter rounds the exact
        // value too and differs from C's only on exact ties, which a random 23-bit mantissa hits at none of these scales.
        var random = new Random(7);
        int compared = 0;
        for (int exponentField = 0; exponentField < 152; exponentField++)
        {
            for (int n = 0; n < 2000; n++)
            {
                uint bits = ((uint)exponentField << 23) | (uint)random.Next(1 << 23) | (n % 2 == 0 ? 0 : 0x8000_0000u);
                float value = BitConverter.UInt32BitsToSingle(bits);
                double scaled = Math.Abs((double)value) * 1e6;
                if (scaled - Math.Floor(scaled) == 0.5)
                {
                    continue;
                }

                Assert.Equal(((double)value).ToString("F6", CultureInfo.InvariantCulture), Format(value));
                compared++;
            }
        }

        Assert.True(compared > 290_000);
    }
}

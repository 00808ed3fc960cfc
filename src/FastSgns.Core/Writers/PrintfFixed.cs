using System.Globalization;
using System.Runtime.CompilerServices;

namespace FastSgns.Writers;

/// <summary>
/// C's "%lf" for a float: the value promoted to double, rounded to six decimals (ties to even, as glibc rounds the
/// exact binary value), with a '-' on every negative value, zeros included ("-0.000000"). Exact in integers: a float is
/// m·2^e with m below 2^24, so m·10^6 fits in 64 bits and one shift with its remainder gives the rounded result.
/// Formatting through double with "F6" (Dragon4 in .NET) took 2.5–3.5 s to write wiki10m's 60,611 × 100 vectors;
/// this takes 0.45–1.2 s, file creation and flush included (the CLI's "saved:" line, 2026-11-28, machine under load).
/// </summary>
internal static class PrintfFixed
{
    /// <summary>Longest result: a sign, 39 integer digits of float.MaxValue, the point and six decimals.</summary>
    public const int MaxLength = 48;

    /// <summary>Writes <paramref name="value"/> as "%lf" would into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and returns the byte count.</summary>
    // Inlined into the writer's row loop, which is compiled optimized at once: a file of vectors is millions of calls
    // in one method call, and tiered compilation would run most of them unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Format(float value, Span<byte> destination)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        int exponentField = (int)(bits >> 23) & 0xFF;
        if (exponentField >= 150)
        {
            // |value| ≥ 2^23 (or not finite): outside training's range; the general formatter is exact there too.
            return Slow(value, destination);
        }

        ulong mantissa = bits & 0x7FFFFF;
        int shift = 149;
        if (exponentField != 0)
        {
            mantissa |= 0x800000;
            shift = 150 - exponentField;
        }

        ulong scaled = mantissa * 1_000_000UL;
        ulong micros = 0;
        if (shift < 64)
        {
            micros = scaled >> shift;
            ulong remainder = scaled & ((1UL << shift) - 1);
            ulong half = 1UL << (shift - 1);
            if (remainder > half || (remainder == half && (micros & 1) != 0))
            {
                micros++;
            }
        }

        // shift ≥ 64: scaled < 2^44 is below half a unit of the sixth decimal, so micros stays 0.
        int length = 0;
        if ((bits & 0x8000_0000) != 0)
        {
            destination[length++] = (byte)'-';
        }

        ulong whole = micros / 1_000_000UL;
        uint fraction = (uint)(micros - whole * 1_000_000UL);
        length += WriteWhole(whole, destination[length..]);
        destination[length++] = (byte)'.';
        for (int i = length + 5; i >= length; i--)
        {
            destination[i] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }

        return length + 6;
    }

    /// <summary>The integer part's digits; inlined, as <see cref="Format"/> is, with a shortcut for training's usual |value| &lt; 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteWhole(ulong whole, Span<byte> destination)
    {
        if (whole == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        int digits = 1;
        for (ulong rest = whole / 10; rest != 0; rest /= 10)
        {
            digits++;
        }

        for (int i = digits - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (int)(whole % 10));
            whole /= 10;
        }

        return digits;
    }

    private static int Slow(float value, Span<byte> destination)
    {
        ((double)value).TryFormat(destination, out int written, "F6", CultureInfo.InvariantCulture);
        return written;
    }
}

using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// bfloat16 as the output matrix holds it under <c>Precision Bf16</c>: the top 16 bits of a float (sign, the
/// float's 8 exponent bits, 7 mantissa bits), widened by a shift, and stored back by stochastic rounding: a uniform
/// 16-bit draw is added below the kept bits and the sum truncated, so a value between two bf16 neighbours lands on
/// the upper one with probability equal to its distance from the lower one, in units of their gap. The rounding is
/// unbiased: an update far below half a bf16 step (most of SGNS's updates, late in training) still moves the row in
/// expectation, where rounding to nearest drops it (bench/results/bf16-storage-2026-11-29.md: 6.7 analogy points lost).
/// <para>
/// The draws come from <see cref="Lanes"/> 32-bit generators, one per column modulo 16: column j of a row always
/// draws from lane j % 16, and each lane advances once per value it rounds. A kernel that stores 4, 8 or 16 columns
/// at once therefore draws exactly what the scalar reference draws one column at a time, provided it stores the rows
/// of a column block in the same order (<see cref="IBatchedSgnsKernel"/>). Each lane is a linear congruential
/// generator whose high 16 bits are the draw (the high bits of an LCG modulo 2^32 are its good ones).
/// </para>
/// </summary>
internal static unsafe class Bf16
{
    /// <summary>Generators per worker; column j draws from lane j % Lanes. A multiple of every vector width.</summary>
    public const int Lanes = 16;

    /// <summary>The lanes' step: lane = lane·Multiplier + Increment (mod 2^32), Numerical Recipes' constants.</summary>
    public const uint Multiplier = 1664525;

    public const uint Increment = 1013904223;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Widen(ushort value) => BitConverter.UInt32BitsToSingle((uint)value << 16);

    /// <summary>Advances <paramref name="lane"/> and returns its draw, uniform in [0, 65536).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Next(ref uint lane)
    {
        lane = unchecked(lane * Multiplier + Increment);
        return lane >> 16;
    }

    /// <summary>
    /// <paramref name="value"/> rounded to bf16 with <paramref name="draw"/> (below 65536) added below the kept bits.
    /// Finite values round to a bf16 neighbour (the largest may round up to infinity); infinities stay; NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Round(float value, uint draw) => (ushort)(unchecked(BitConverter.SingleToUInt32Bits(value) + draw) >> 16);

    /// <summary>
    /// Seeds the <see cref="Lanes"/> generators at <paramref name="lanes"/> from <paramref name="seed"/> (splitmix64 per
    /// lane, so nearby seeds give unrelated lanes). Training reseeds once per sentence from the worker's generator,
    /// whose state a checkpoint saves: a resumed one-thread run rounds exactly as the uninterrupted one.
    /// </summary>
    public static void Seed(uint* lanes, ulong seed)
    {
        for (int i = 0; i < Lanes; i++)
        {
            ulong z = unchecked(seed + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            lanes[i] = (uint)((z ^ (z >> 31)) >> 32);
        }
    }
}

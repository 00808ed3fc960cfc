using System.Runtime.CompilerServices;

namespace FastSgns.Randomness;

/// <summary>word2vec.c's per-thread linear congruential generator (next = next · 25214903917 + 11, mod 2^64).</summary>
internal struct Lcg(ulong seed)
{
    public ulong State = seed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next() => State = Step(State);

    /// <summary>The state after <paramref name="state"/>, for callers that decide afterwards whether to take it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong state) => unchecked(state * Multiplier + Increment);

    private const ulong Multiplier = 25214903917UL;
    private const ulong Increment = 11;

    /// <summary>
    /// <see cref="Step"/> applied twice, as one multiply-add from <paramref name="state"/> (a²·s + (a + 1)·c, mod
    /// 2^64, the same value): a caller that needs both states computes them side by side instead of one after the other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong StepTwice(ulong state) => unchecked(state * (Multiplier * Multiplier) + (Multiplier + 1) * Increment);

    /// <summary>
    /// The state <paramref name="steps"/> draws after <paramref name="state"/>, in O(log steps) multiply-adds: n steps
    /// of s ↦ a·s + c are one map s ↦ A·s + C, built by squaring (a, c) ↦ (a², (a + 1)·c) and composing the maps of
    /// the steps' set bits. Lets several threads start a long sequence at its blocks and draw exactly its values.
    /// </summary>
    public static ulong Skip(ulong state, ulong steps)
    {
        unchecked
        {
            ulong multiplier = Multiplier, increment = Increment;
            ulong totalMultiplier = 1, totalIncrement = 0;
            for (; steps > 0; steps >>= 1)
            {
                if ((steps & 1) != 0)
                {
                    totalMultiplier *= multiplier;
                    totalIncrement = totalIncrement * multiplier + increment;
                }

                increment *= multiplier + 1;
                multiplier *= multiplier;
            }

            return totalMultiplier * state + totalIncrement;
        }
    }

    /// <summary>The high 32 bits of the next state: an LCG's low bits have short periods, its high bits do not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextHigh() => (uint)(Next() >> 32);

    /// <summary>A value in [0, bound) by multiply-shift of the high bits (no modulo bias worth speaking of).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int bound) => (int)(((ulong)NextHigh() * (uint)bound) >> 32);
}

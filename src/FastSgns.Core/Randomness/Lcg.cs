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

    /// <summary>The high 32 bits of the next state: an LCG's low bits have short periods, its high bits do not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextHigh() => (uint)(Next() >> 32);

    /// <summary>A value in [0, bound) by multiply-shift of the high bits (no modulo bias worth speaking of).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int bound) => (int)(((ulong)NextHigh() * (uint)bound) >> 32);
}

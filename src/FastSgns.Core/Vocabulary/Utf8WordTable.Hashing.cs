using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Vocabulary;

/// <summary>The table's hash and slot key of a word.</summary>
internal sealed partial class Utf8WordTable
{
    /// <summary>
    /// A multiply-xorshift hash over 8-byte words, finished with a 64-bit avalanche so that linear probing on the low
    /// bits (above the tag's length byte) stays short. A word of up to 16 bytes, nearly every token, is hashed as two
    /// zero-padded 8-byte words without a branch on its length (the length is as random as the words, so such a branch
    /// mispredicts often); a longer one goes 8 bytes at a time, its tail read as one overlapping word.
    /// <paramref name="key"/>: the word's first 8 bytes, zero-padded when shorter, which with the length determine a
    /// word of up to 8 bytes. This overload reads only the word's bytes; <see cref="HashWithSlack"/> gives the same.
    /// </summary>
    internal static ulong Hash(ReadOnlySpan<byte> word, out ulong key)
    {
        int length = word.Length;
        if (length > 2 * sizeof(ulong))
        {
            return HashLong(ref MemoryMarshal.GetReference(word), length, out key);
        }

        ulong padded = 0, second = 0;
        Span<byte> bytes = MemoryMarshal.AsBytes(new Span<ulong>(ref padded));
        word[..Math.Min(length, sizeof(ulong))].CopyTo(bytes);
        if (length > sizeof(ulong))
        {
            word[sizeof(ulong)..].CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref second)));
        }

        key = padded;
        return HashShort(length, padded, second);
    }

    /// <summary>
    /// <see cref="Hash(ReadOnlySpan{byte}, out ulong)"/> of the <paramref name="length"/> bytes at
    /// <paramref name="first"/>, where at least 16 bytes may be read from <paramref name="first"/> whatever the length
    /// (a token inside a text buffer): the bytes past the word are loaded and masked off.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong HashWithSlack(ref byte first, int length, out ulong key)
    {
        if (length > 2 * sizeof(ulong))
        {
            return HashLong(ref first, length, out key);
        }

        key = LowBytes(Unsafe.ReadUnaligned<ulong>(ref first), Math.Min(length, sizeof(ulong)));
        ulong second = LowBytes(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, sizeof(ulong))), Math.Max(length - sizeof(ulong), 0));
        return HashShort(length, key, second);
    }

    private const ulong HashMultiplier = 0x9E3779B97F4A7C15;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashShort(int length, ulong first, ulong second)
    {
        ulong h = ((ulong)length * HashMultiplier ^ first) * HashMultiplier;
        h ^= h >> 29;
        return Finish((h ^ second) * HashMultiplier);
    }

    private static ulong HashLong(ref byte first, int length, out ulong key)
    {
        key = Unsafe.ReadUnaligned<ulong>(ref first);
        ulong h = (ulong)length * HashMultiplier;
        for (int i = 0; i < length - sizeof(ulong); i += sizeof(ulong))
        {
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, i))) * HashMultiplier;
            h ^= h >> 29;
        }

        return Finish((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, length - sizeof(ulong)))) * HashMultiplier);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong h)
    {
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93;
        return h ^ (h >> 32);
    }

    /// <summary>The low <paramref name="bytes"/> (0–8) bytes of <paramref name="value"/>, the others zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowBytes(ulong value, int bytes) =>
        Bmi2.X64.IsSupported
            ? Bmi2.X64.ZeroHighBits(value, (ulong)(bytes * 8))
            : bytes >= sizeof(ulong) ? value : value & ((1UL << (bytes * 8)) - 1);
}

using System.Runtime.CompilerServices;

namespace FastSgns.Vocabulary;

/// <summary>
/// The vocabulary's order: entries by descending count, ties by their words' UTF-8 bytes (a total order, since the
/// words are distinct). A merge sort compiled fully optimized at its first call: the sort runs once per run, for a few
/// tens of milliseconds, so tiered compilation left it, with its comparison and the table's accessors, unoptimized
/// throughout (List.Sort with a lambda: about 35 ms of a book corpus's 56,778 words, one thread, machine under load).
/// </summary>
internal static class CountOrder
{
    private readonly record struct Keyed(long Count, int Entry);

    /// <summary>The entries of <paramref name="counts"/> counted at least <paramref name="minCount"/> times, in the vocabulary's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Sorted(Utf8WordTable counts, long minCount)
    {
        var keyed = new List<Keyed>();
        for (int i = 0; i < counts.Count; i++)
        {
            long count = counts.GetCount(i);
            if (count >= minCount)
            {
                keyed.Add(new Keyed(count, i));
            }
        }

        Keyed[] from = [.. keyed];
        var to = new Keyed[from.Length];
        for (int width = 1; width < from.Length; width *= 2)
        {
            for (int start = 0; start < from.Length; start += 2 * width)
            {
                int middle = Math.Min(start + width, from.Length);
                int end = Math.Min(start + 2 * width, from.Length);
                int left = start, right = middle, next = start;
                while (left < middle && right < end)
                {
                    to[next++] = Before(counts, from[right], from[left]) ? from[right++] : from[left++];
                }

                while (left < middle)
                {
                    to[next++] = from[left++];
                }

                while (right < end)
                {
                    to[next++] = from[right++];
                }
            }

            (from, to) = (to, from);
        }

        var entries = new int[from.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = from[i].Entry;
        }

        return entries;
    }

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>: a higher count, or an equal one and smaller bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(Utf8WordTable counts, Keyed a, Keyed b) =>
        a.Count != b.Count ? a.Count > b.Count : counts.GetWord(a.Entry).SequenceCompareTo(counts.GetWord(b.Entry)) < 0;
}

namespace FastSgns.Interop;

/// <summary>
/// Zeroed arrays whose memory is asked to be backed by 2 MB pages (madvise MADV_HUGEPAGE, Linux) before it is first
/// touched. A hash table of a large vocabulary is read at random: with 4 KB pages nearly every lookup of a rare word
/// also misses the TLB and walks the page tables (twice over, in a virtual machine). Small arrays and other
/// platforms get an ordinary array; the advice is a hint, so the array is the same either way.
/// </summary>
internal static unsafe class HugePageArrays
{
    /// <summary>MADV_HUGEPAGE (Linux).</summary>
    private const int AdviseHugePage = 14;

    /// <summary>Below this a block spans too few 2 MB pages to matter.</summary>
    private const long MinBytes = 4 << 20;

    /// <summary>
    /// Asks for 2 MB pages behind native memory nobody has touched yet (a fresh calloc'd block: glibc maps large
    /// blocks from zero pages it does not write). Small blocks and other platforms are left alone.
    /// </summary>
    public static void Advise(void* start, long bytes)
    {
        if (bytes >= MinBytes && OperatingSystem.IsLinux())
        {
            LibC.Advise((byte*)start, bytes, AdviseHugePage);
        }
    }

    public static T[] Zeroed<T>(int length)
        where T : unmanaged
    {
        long bytes = (long)length * sizeof(T);
        if (bytes < MinBytes || !OperatingSystem.IsLinux())
        {
            return new T[length];
        }

        // Uninitialized: the runtime has not written to it yet, so the advice comes before the first fault and the
        // clearing below faults it in as huge pages (memory the runtime recycles is cleared all the same).
        T[] array = GC.AllocateUninitializedArray<T>(length);
        fixed (T* first = array)
        {
            Advise(first, bytes);
        }

        Array.Clear(array);
        return array;
    }
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Interop;

/// <summary>
/// sync_file_range(2) with SYNC_FILE_RANGE_WRITE: starts writing a file's dirty pages to disk without waiting for
/// them. An output that is flushed to disk before it is renamed into place (as every atomically written output is) otherwise
/// has its whole size written at that flush, by a process that has nothing else left to do; started as the file
/// grows, the writing overlaps the work that produces it and the final flush waits only for the tail. A hint:
/// failures and other platforms are ignored, and the final flush still makes the file durable.
/// </summary>
internal static partial class FileWriteback
{
    private const uint StartWrite = 2; // SYNC_FILE_RANGE_WRITE

    private static bool s_supported = OperatingSystem.IsLinux();

    /// <summary>Starts writing back [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of the file.</summary>
    public static void Start(SafeFileHandle handle, long offset, long length)
    {
        if (!s_supported || length <= 0 || handle.IsInvalid || handle.IsClosed)
        {
            return;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            SyncFileRange((int)handle.DangerousGetHandle(), offset, length, StartWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_supported = false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int descriptor, long offset, long length, uint flags);
}

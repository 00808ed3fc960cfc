namespace FastSgns.IO;

/// <summary>
/// Deciding whether a work file left in a directory belongs to a run that is gone. Its name carries the PID of the
/// process that made it; that process must no longer exist, and, as a second guard (a directory shared between
/// containers sees PIDs of other namespaces), nobody may hold the file open: .NET takes an advisory lock (flock) on
/// every file it opens on Unix, exclusive under FileShare.None, so the exclusive open below fails on a file in use.
/// </summary>
internal static class OrphanFile
{
    /// <summary>
    /// Deletes the files in <paramref name="directory"/> matching <paramref name="searchPattern"/> whose owner (the PID
    /// <paramref name="ownerOf"/> reads from the name; null: not ours) is gone and which nobody holds open.
    /// </summary>
    public static IReadOnlyList<(string Path, long Bytes)> RemoveAll(string directory, string searchPattern, Func<string, int?> ownerOf)
    {
        var removed = new List<(string, long)>();
        if (!System.IO.Directory.Exists(directory))
        {
            return removed;
        }

        foreach (string path in System.IO.Directory.EnumerateFiles(directory, searchPattern))
        {
            if (ownerOf(Path.GetFileName(path)) is int pid && TryDelete(path, pid) is long bytes)
            {
                removed.Add((path, bytes));
            }
        }

        return removed;
    }

    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            return System.IO.Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Deletes the file unless its owner runs or someone holds it open; its size when deleted, else null.</summary>
    public static long? TryDelete(string path, int ownerPid)
    {
        if (IsRunning(ownerPid))
        {
            return null;
        }

        try
        {
            long bytes;
            using (var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                bytes = exclusive.Length;
            }

            File.Delete(path);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // In use (the lock), removed by another run at the same moment, or not ours to delete.
            return null;
        }
    }
}

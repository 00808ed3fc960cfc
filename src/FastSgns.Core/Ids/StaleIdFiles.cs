using System.Globalization;

namespace FastSgns.Ids;

/// <summary>
/// Id files are named <c>.fastsgns-PID-GUID.ids</c> and deleted when their run ends, but a run killed outright
/// (SIGKILL, the OOM killer, a power cut) cannot delete its file, and at 4 bytes a token it is the size of the corpus.
/// The next run in the same directory removes the files of processes that no longer exist, and only those: a file
/// whose process is alive belongs to a run in progress. As a second guard (a directory shared between containers sees
/// PIDs of other namespaces), a file is left alone while anyone holds it open: .NET takes an advisory lock (flock) on
/// every file it opens on Unix, shared unless FileShare.None, so the exclusive open below fails on a file in use.
/// </summary>
internal static class StaleIdFiles
{
    public const string Prefix = ".fastsgns-";
    public const string Extension = ".ids";

    /// <summary>The id file name for a run of this process.</summary>
    public static string NewName() => $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}{Extension}";

    /// <summary>Deletes id files in <paramref name="directory"/> left by processes that are gone; returns their paths and sizes.</summary>
    public static IReadOnlyList<(string Path, long Bytes)> Remove(string directory)
    {
        var removed = new List<(string, long)>();
        if (!Directory.Exists(directory))
        {
            return removed;
        }

        foreach (string path in Directory.EnumerateFiles(directory, $"{Prefix}*{Extension}"))
        {
            if (OwnerProcess(Path.GetFileName(path)) is not int pid || IsRunning(pid))
            {
                continue;
            }

            try
            {
                long bytes;
                using (var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    bytes = exclusive.Length;
                }

                File.Delete(path);
                removed.Add((path, bytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use (the lock), being removed by another run at the same moment, or not ours to delete.
            }
        }

        return removed;
    }

    /// <summary>The PID in ".fastsgns-PID-GUID.ids", or null for a name of another shape.</summary>
    internal static int? OwnerProcess(string fileName)
    {
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Extension.Length);
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && rest.Length - dash - 1 == 32
            ? pid
            : null;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

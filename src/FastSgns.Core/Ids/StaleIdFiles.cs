using System.Globalization;
using FastSgns.IO;

namespace FastSgns.Ids;

/// <summary>
/// Id files are named <c>.fastsgns-PID-GUID.ids</c> and deleted when their run ends, but a run killed outright
/// (SIGKILL, the OOM killer, a power cut) cannot delete its file, and at 4 bytes a token it is the size of the corpus.
/// The next run in the same directory removes the files of processes that no longer exist, and only those: a file
/// whose process is alive belongs to a run in progress, and a file anyone holds open is left alone too
/// (<see cref="OrphanFile"/>, shared with the temporaries of atomic writes).
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
            if (OwnerProcess(Path.GetFileName(path)) is int pid && OrphanFile.TryDelete(path, pid) is long bytes)
            {
                removed.Add((path, bytes));
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
}

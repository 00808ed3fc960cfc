using System.Globalization;
using FastSgns.IO;

namespace FastSgns.Ids;

/// <summary>
/// Id files are named <c>.fastsgns-PID-GUID.ids</c> (spools of piped inputs <c>.fastsgns-PID-GUID.spool</c>) and deleted when their run ends, but a run killed outright
/// (SIGKILL, the OOM killer, a power cut) cannot delete its file, and at 4 bytes a token it is the size of the corpus.
/// The next run in the same directory removes the files of processes that no longer exist, and only those: a file
/// whose process is alive belongs to a run in progress, and a file anyone holds open is left alone too
/// (<see cref="OrphanFile"/>, shared with the temporaries of atomic writes).
/// </summary>
internal static class StaleIdFiles
{
    public const string Prefix = ".fastsgns-";
    public const string Extension = ".ids";

    /// <summary>Spools of piped inputs (Corpus/InputSpool) share the id files' name shape and directory, and their fate.</summary>
    public const string SpoolExtension = ".spool";

    /// <summary>The id file name for a run of this process.</summary>
    public static string NewName() => $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}{Extension}";

    /// <summary>Deletes id files in <paramref name="directory"/> left by processes that are gone; returns their paths and sizes.</summary>
    public static IReadOnlyList<(string Path, long Bytes)> Remove(string directory)
    {
        var removed = new List<(string Path, long Bytes)>(OrphanFile.RemoveAll(directory, $"{Prefix}*{Extension}", name => OwnerProcess(name, Extension)));
        removed.AddRange(OrphanFile.RemoveAll(directory, $"{Prefix}*{SpoolExtension}", name => OwnerProcess(name, SpoolExtension)));
        return removed;
    }

    /// <summary>The PID in ".fastsgns-PID-GUID.ids", or null for a name of another shape.</summary>
    internal static int? OwnerProcess(string fileName) => OwnerProcess(fileName, Extension);

    private static int? OwnerProcess(string fileName, string extension)
    {
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(extension, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - extension.Length);
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && rest.Length - dash - 1 == 32
            ? pid
            : null;
    }
}

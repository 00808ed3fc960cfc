using System.Globalization;

namespace FastSgns.IO;

/// <summary>
/// The temporary files of atomic writes, <c>.NAME.PID.GUID.tmp</c> beside their target. A run killed outright while
/// saving (SIGKILL, the OOM killer) cannot delete its temporary, which is as large as the output; the next write into
/// that directory removes those whose process is gone and which nobody holds open (<see cref="OrphanFile"/>), as
/// stale id files are removed.
/// </summary>
internal static class StaleTemporaries
{
    private const string Extension = ".tmp";

    /// <summary>A fresh temporary name for <paramref name="fileName"/>, owned by this process.</summary>
    public static string NewName(string fileName) => $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}{Extension}";

    /// <summary>Deletes the stale temporaries in <paramref name="directory"/>; returns their paths and sizes.</summary>
    public static IReadOnlyList<(string Path, long Bytes)> Remove(string directory) =>
        OrphanFile.RemoveAll(directory, $".*{Extension}", OwnerProcess);

    /// <summary>The PID in ".NAME.PID.GUID.tmp" (GUID: 32 hex digits), or null for a name of another shape.</summary>
    internal static int? OwnerProcess(string fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = fileName.AsSpan(1, fileName.Length - 1 - Extension.Length);
        int guidDot = rest.LastIndexOf('.');
        if (guidDot < 0 || rest.Length - guidDot - 1 != 32 || !Guid.TryParseExact(rest[(guidDot + 1)..], "N", out _))
        {
            return null;
        }

        rest = rest[..guidDot];
        int pidDot = rest.LastIndexOf('.');
        return pidDot > 0 && int.TryParse(rest[(pidDot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }
}

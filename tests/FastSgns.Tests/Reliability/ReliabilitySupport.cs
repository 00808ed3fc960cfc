using FastSgns.Synthetic;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Reliability;

/// <summary>Helpers shared by the bad-input, atomic-write and divergence tests.</summary>
internal static class ReliabilitySupport
{
    private static readonly Lazy<bool> s_permissionsApply = new(ProbePermissions);

    /// <summary>
    /// False when file modes are not enforced for this process (root, or CAP_DAC_OVERRIDE as in most CI
    /// containers): then a chmod 000 file is still readable and permission tests must skip.
    /// </summary>
    public static bool PermissionsApply => s_permissionsApply.Value;

    public static void SkipUnlessPermissionsApply()
    {
        if (!PermissionsApply)
        {
            Assert.Skip("file permissions are not enforced for this user (root or CAP_DAC_OVERRIDE, as in CI containers); skipping.");
        }
    }

    /// <summary>chmod; a no-op on Windows, where the permission tests skip anyway.</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>A small synthetic corpus that trains in well under a second.</summary>
    public static string SyntheticFile(TempDirectory temp, int sentences = 2000)
    {
        string path = temp.File("corpus.txt");
        File.WriteAllBytes(path, SyntheticCorpus.Generate(sentences).Text);
        return path;
    }

    /// <summary>Temporary files the library may leave behind: id files and atomic-write temporaries.</summary>
    public static string[] Leftovers(string directory) =>
        [.. Directory.GetFiles(directory).Where(f => f.EndsWith(".ids", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".spool", StringComparison.Ordinal))];

    private static bool ProbePermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        using var temp = new TempDirectory();
        string probe = temp.Write("probe.txt", "x");
        File.SetUnixFileMode(probe, UnixFileMode.None);
        try
        {
            File.ReadAllBytes(probe);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        finally
        {
            File.SetUnixFileMode(probe, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

using FastSgns.Tests.Support;

namespace FastSgns.Tests.Cli;

/// <summary>Small corpora and directory snapshots for the CLI's output-safety tests.</summary>
internal static class CliFiles
{
    /// <summary>Options that make a training run take well under a second.</summary>
    public static readonly string[] Quick = ["--dim", "8", "--epochs", "1", "--min-count", "1", "--threads", "1", "-q"];

    public static string TextCorpus(TempDirectory temp, string name = "c.txt")
    {
        string path = temp.File(name);
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("the cat sat on the mat and the dog ran to the park with a ball\n", 500)));
        return path;
    }

    /// <summary>Every entry under <paramref name="directory"/>, with the bytes of regular files and the kind of the rest.</summary>
    public static SortedDictionary<string, string> Snapshot(string directory)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            string relative = Path.GetRelativePath(directory, path);
            entries[relative] = info.LinkTarget is { } target ? $"link -> {target}"
                : Directory.Exists(path) ? "directory"
                : IO.FileStatus.Of(path).Kind is IO.FileKind.Regular ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))
                : IO.FileStatus.Of(path).Kind.ToString();
        }

        return entries;
    }
}

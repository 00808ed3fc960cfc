using System.IO.Compression;
using System.Text;

namespace FastSgns.Tests.Support;

/// <summary>
/// Finds the project's ../shared folder (evaluation sets and the wiki40m corpus) by walking up from the test
/// binaries; tests that need it skip with a message where it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    public static string? Root => s_root.Value;

    /// <summary>The path of a file under shared/, or a skip naming what is missing.</summary>
    public static string Require(string relative)
    {
        string? path = Root is null ? null : Path.Combine(Root, relative);
        if (path is null || !File.Exists(path))
        {
            RequiredInCi.Missing("shared data", $"shared/{relative} is not available (expected ../shared beside the repository); skipping.");
        }

        return path!;
    }

    /// <summary>Writes the first <paramref name="lines"/> documents of wiki40m.txt.gz to a plain text file.</summary>
    public static string WikiSlice(string directory, int lines)
    {
        string source = Require("corpus/wiki40m.txt.gz");
        string target = Path.Combine(directory, $"wiki40m-{lines}.txt");
        using var gzip = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (int i = 0; i < lines && reader.ReadLine() is { } line; i++)
        {
            writer.WriteLine(line);
        }

        return target;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "eval")))
            {
                return candidate;
            }
        }

        return null;
    }
}

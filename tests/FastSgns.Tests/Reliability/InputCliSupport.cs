using System.IO.Compression;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>Helpers of the input CLI tests: one-thread seeded training (bit-reproducible), and its checks.</summary>
internal static class InputCliSupport
{
    internal static readonly string[] Options = ["--threads", "1", "--epochs", "1", "--dim", "8", "--min-count", "1", "--seed", "7", "-q"];

    internal static CliRunner.Result Train(TempDirectory temp, string input, params string[] extra) =>
        CliRunner.Run(["train", "--input", input, "--output", temp.File("model.txt"), .. Options, .. extra]);

    internal static void AssertBadInput(CliRunner.Result result, TempDirectory temp, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.StartsWith("fastsgns: error: ", result.StdErr);
        foreach (string text in expected)
        {
            Assert.Contains(text, result.StdErr);
        }

        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.True(result.StdErr.Length < 600, result.StdErr);
        Assert.False(File.Exists(temp.File("model.txt")));
        AssertNothingLeft(temp);
    }

    /// <summary>No id file, spool or temporary: FastSgns's hidden files all start with a dot.</summary>
    internal static void AssertNothingLeft(TempDirectory temp)
    {
        Assert.Empty(Leftovers(temp.Path));
        Assert.Empty(Directory.GetFiles(temp.Path, ".fastsgns-*"));
    }

    internal static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>Trains on a copy of the synthetic corpus first; returns the model's bytes, the reference for equal runs.</summary>
    internal static byte[] Reference(TempDirectory temp, out string corpus)
    {
        corpus = SyntheticFile(temp, 500);
        var result = CliRunner.Run(["train", "--input", corpus, "--output", temp.File("reference.txt"), .. Options]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return File.ReadAllBytes(temp.File("reference.txt"));
    }

    internal static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("FIFOs, signals and ulimit are Unix features.");
        }
    }
}

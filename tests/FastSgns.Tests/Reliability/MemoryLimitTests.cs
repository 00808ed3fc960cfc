using System.Diagnostics;
using System.Text;
using FastSgns.Diagnostics;

namespace FastSgns.Tests.Reliability;

/// <summary>A run that cannot fit in memory is refused before its matrices are allocated: one line, exit 2, nothing written.</summary>
public sealed class MemoryLimitTests
{
    [Fact]
    public void EnsureFits_RefusesWhatNoLimitAllows_NamingTheNeedAndTheLimit()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Reads /proc.");
        }

        (long available, string limit) = MemoryBudget.Available();
        Assert.InRange(available, 1, long.MaxValue - 1);

        var error = Assert.Throws<InsufficientMemoryException>(() => MemoryBudget.EnsureFits(available + (1L << 30), 0, "a test"));

        Assert.StartsWith("not enough memory for a test: it needs about ", error.Message);
        Assert.Contains(limit, error.Message);
        MemoryBudget.EnsureFits(1 << 20, 0, "a small test");
    }

    [Fact]
    public void TrainingBytes_CountsBothPaddedMatrices()
    {
        long small = MemoryBudget.TrainingBytes(1000, 100, 1);
        long doubled = MemoryBudget.TrainingBytes(2000, 100, 1);

        // 112 floats a padded row, two matrices: 896 bytes a word, plus tables.
        Assert.InRange(doubled - small, 1000 * 2 * 112 * 4, 1000 * (2 * 112 * 4 + 64));
    }

    /// <summary>Issue #13's case: --dim 10000 under a 4 GB address-space limit used to die of an unhandled OutOfMemoryException.</summary>
    [Fact]
    public async Task Cli_UnderAnAddressSpaceLimit_RefusesTooLargeMatrices_WithOneLine_Exit2()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/prlimit"))
        {
            Assert.Skip("Needs Linux and prlimit.");
        }

        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        var text = new StringBuilder();
        for (int i = 0; i < 60_000; i++)
        {
            text.Append('w').Append(i).Append(i % 20 == 19 ? '\n' : ' ');
        }

        File.WriteAllText(corpus, text.ToString());
        string output = temp.File("vectors.txt");
        var start = new ProcessStartInfo("/usr/bin/prlimit") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "--as=4294967296", "dotnet", CliRunner.CliPath, "train", "--input", corpus, "--output", output, "--dim", "10000", "--min-count", "1", "--threads", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> reading = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        string stderr = await reading;

        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {stderr}");
        Assert.Contains("fastsgns: error: not enough memory for 60,000 words of dimension 10000: it needs about 4.9 GB", stderr);
        Assert.Contains("address-space limit 4.3 GB", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("OutOfMemoryException", stderr);
        Assert.Equal(["corpus.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}

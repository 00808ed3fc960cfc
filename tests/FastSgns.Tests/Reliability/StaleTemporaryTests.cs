using System.Diagnostics;
using FastSgns.IO;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// Issue #13, class 14. Rule: a work file a killed run left behind (id files, atomic-write temporaries) is removed by
/// the next run that works in that directory, when its process is gone and nobody holds it open; never otherwise.
/// </summary>
public sealed class StaleTemporaryTests
{
    /// <summary>The PID of a process that has exited (and so names no running process, barring reuse within the test).</summary>
    internal static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Theory]
    [InlineData(".m.bin.123.0123456789abcdef0123456789abcdef.tmp", 123)]
    [InlineData(".a.b.c.7.0123456789abcdef0123456789abcdef.tmp", 7)]
    [InlineData(".m.bin.x.0123456789abcdef0123456789abcdef.tmp", null)]
    [InlineData(".m.bin.123.0123456789abcdef.tmp", null)]
    [InlineData("m.bin.123.0123456789abcdef0123456789abcdef.tmp", null)]
    [InlineData(".m.bin.123.0123456789abcdef0123456789abcdeg.tmp", null)]
    [InlineData(".123.0123456789abcdef0123456789abcdef.tmp", null)]
    public void OwnerProcess_ParsesOnlyNamesAtomicFileMakes(string name, int? pid) =>
        Assert.Equal(pid, StaleTemporaries.OwnerProcess(name));

    [Fact]
    public void NewName_IsParsedBack_AsThisProcess() =>
        Assert.Equal(Environment.ProcessId, StaleTemporaries.OwnerProcess(StaleTemporaries.NewName("m.bin")));

    [Fact]
    public void Remove_DeletesTemporariesOfDeadRuns_Only()
    {
        using var temp = new TempDirectory();
        string dead = temp.Write($".m.bin.{DeadPid()}.{Guid.NewGuid():N}.tmp", "half a model");
        string alive = temp.Write($".m.bin.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp", "being written");
        string other = temp.Write(".notes.tmp", "someone else's");

        var removed = StaleTemporaries.Remove(temp.Path);

        Assert.Equal([(dead, 12L)], removed);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(alive));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public void Remove_LeavesATemporarySomeoneHoldsOpen()
    {
        using var temp = new TempDirectory();
        string held = temp.Write($".m.bin.{DeadPid()}.{Guid.NewGuid():N}.tmp", "x");
        using (new FileStream(held, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            Assert.Empty(StaleTemporaries.Remove(temp.Path));
        }

        Assert.Single(StaleTemporaries.Remove(temp.Path));
    }

    [Fact]
    public void AtomicWrite_RemovesStaleTemporariesBesideItsTarget()
    {
        using var temp = new TempDirectory();
        string dead = temp.Write($".m.bin.{DeadPid()}.{Guid.NewGuid():N}.tmp", "half a model");

        AtomicFile.Write(temp.File("m.bin"), s => s.Write("model"u8));

        Assert.False(File.Exists(dead));
        Assert.Equal(["m.bin"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Train_AfterARunKilledWhileSaving_RemovesItsTemporary_AndSaysSo()
    {
        using var temp = new TempDirectory();
        string corpus = Cli.CliFiles.TextCorpus(temp);
        string dead = temp.Write($".m.bin.{DeadPid()}.{Guid.NewGuid():N}.tmp", new string('x', 5000));

        var result = CliRunner.Run(["train", "-i", corpus, "-o", temp.File("m.bin"), "--dim", "8", "--epochs", "1", "--min-count", "1", "--threads", "1"]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.False(File.Exists(dead));
        Assert.Contains("left behind by a run that was killed while saving", result.StdErr);
        Assert.Empty(ReliabilitySupport.Leftovers(temp.Path));
    }

    [Fact]
    public void Generate_KilledWhileSaving_LeavesATemporary_ThatTheNextRunRemoves()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGKILL is a Unix signal");
        using var temp = new TempDirectory();
        string output = temp.File("big.txt");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string argument in new[] { CliRunner.CliPath, "generate", "--tokens", "2000000000", "--threads", "1", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            var deadline = Stopwatch.StartNew();
            while (!Directory.EnumerateFiles(temp.Path, ".big.txt.*.tmp").Any(f => new FileInfo(f).Length > 0) && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(20);
            }

            process.Kill(); // SIGKILL: no handler, no finally, no clean-up
            process.WaitForExit();
        }

        string left = Assert.Single(Directory.GetFiles(temp.Path, ".big.txt.*.tmp"));
        Assert.False(File.Exists(output));

        var again = CliRunner.Run("generate", "--tokens", "1000", "-o", output);

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.False(File.Exists(left), "the killed run's temporary is still there");
        Assert.Equal(["big.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}

using System.Diagnostics;
using FastSgns.Ids;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;

namespace FastSgns.Tests.Ids;

public sealed class StaleIdFilesTests
{
    [Fact]
    public void Remove_DeletesIdFilesOfProcessesThatAreGone_AndNothingElse()
    {
        using var temp = new TempDirectory();
        int gone = ExitedProcessId();
        string stale = temp.Write($".fastsgns-{gone}-{Guid.NewGuid():N}.ids", "1234");
        string ours = temp.Write($".fastsgns-{Environment.ProcessId}-{Guid.NewGuid():N}.ids", "1234");
        string otherShape = temp.Write($".fastsgns-{gone}-notaguid.ids", "1234");
        string unrelated = temp.Write("corpus.ids", "1234");

        var removed = StaleIdFiles.Remove(temp.Path);

        Assert.Equal([(stale, 4L)], removed);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(otherShape));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void Remove_DeletesInputSpoolsOfProcessesThatAreGone_AndKeepsOurs()
    {
        using var temp = new TempDirectory();
        int gone = ExitedProcessId();
        string stale = temp.Write($".fastsgns-{gone}-{Guid.NewGuid():N}.spool", "piped text");
        string ours = temp.Write($".fastsgns-{Environment.ProcessId}-{Guid.NewGuid():N}.spool", "piped text");
        string unrelated = temp.Write("input.spool", "piped text");

        var removed = StaleIdFiles.Remove(temp.Path);

        Assert.Equal([(stale, 10L)], removed);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void Remove_KeepsAFileThatIsMapped_EvenWhenItsNamedProcessIsGone()
    {
        using var temp = new TempDirectory();
        string inUse = temp.Write($".fastsgns-{ExitedProcessId()}-{Guid.NewGuid():N}.ids", "12345678");

        using (EncodedCorpus.Map(inUse, 2))
        {
            Assert.Empty(StaleIdFiles.Remove(temp.Path));
            Assert.True(File.Exists(inUse));
        }

        Assert.Single(StaleIdFiles.Remove(temp.Path));
        Assert.False(File.Exists(inUse));
    }

    [Fact]
    public void Training_RemovesAStaleIdFileFromItsWorkDirectory_AndSaysSo()
    {
        using var temp = new TempDirectory();
        string stale = temp.Write($".fastsgns-{ExitedProcessId()}-{Guid.NewGuid():N}.ids", "1234");
        var log = new List<string>();
        var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 1, MinCount = 1 }) { WorkDirectory = temp.Path, Log = log.Add };

        pipeline.TrainText(SyntheticCorpus.Generate(500).Text);

        Assert.False(File.Exists(stale));
        Assert.Contains(log, line => line.Contains(stale, StringComparison.Ordinal) && line.Contains("killed", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.ids"));
    }

    [Theory]
    [InlineData(".fastsgns-123-0123456789abcdef0123456789abcdef.ids", 123)]
    [InlineData(".fastsgns-123-short.ids", null)]
    [InlineData(".fastsgns--0123456789abcdef0123456789abcdef.ids", null)]
    [InlineData(".fastsgns-+1-0123456789abcdef0123456789abcdef.ids", null)]
    [InlineData("fastsgns-123-0123456789abcdef0123456789abcdef.ids", null)]
    [InlineData(".fastsgns-123-0123456789abcdef0123456789abcdef.tmp", null)]
    public void OwnerProcess_ParsesOnlyIdFileNames(string name, int? pid)
    {
        Assert.Equal(pid, StaleIdFiles.OwnerProcess(name));
    }

    /// <summary>The PID of a process that has just exited (reuse within the test is vanishingly unlikely).</summary>
    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}

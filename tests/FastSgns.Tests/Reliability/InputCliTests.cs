using System.Diagnostics;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Reliability.InputCliSupport;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// Inputs that are not plain files, as users meet them on the command line: pipes and FIFOs (read once, through a
/// spool), standard input, process substitution, and directories of more files than the process may hold open.
/// </summary>
public sealed class InputCliTests
{
    private static Process StartCli(IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.CliPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task StandardInput_Dash_TrainsExactlyAsTheFile_OnOneThread()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);

        using Process process = StartCli(["train", "-i", "-", "-o", temp.File("model.txt"), .. Options], redirectInput: true);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using (Stream stdin = process.StandardInput.BaseStream)
        {
            stdin.Write(File.ReadAllBytes(corpus));
        }

        Assert.True(process.WaitForExit(120_000));
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
        AssertNothingLeft(temp);
    }

    [Theory]
    [InlineData("corpus.fifo", false)]
    [InlineData("corpus.gz", true)] // the case that blocked forever: read to count, reopened to encode
    public async Task Fifo_IsReadOnce_AndTrainsExactlyAsTheFile(string name, bool gzip)
    {
        SkipOnWindows();
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        string fifo = temp.File(name);
        MakeFifo(fifo);
        byte[] content = gzip ? Gzip(File.ReadAllBytes(corpus)) : File.ReadAllBytes(corpus);
        var writer = Task.Run(() => File.WriteAllBytes(fifo, content));

        var result = Train(temp, fifo);

        Assert.True(result.ExitCode == 0, result.StdErr);
        await writer.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
        Assert.Empty(Directory.GetFiles(temp.Path, ".fastsgns-*"));
    }

    [Theory]
    [InlineData("<(cat '{0}')")]
    [InlineData("/dev/stdin < <(cat '{0}')")]
    public void ProcessSubstitution_AndDevStdin_TrainExactlyAsTheFile(string input)
    {
        SkipOnWindows();
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        string command = $"exec dotnet '{CliRunner.CliPath}' train -i {string.Format(System.Globalization.CultureInfo.InvariantCulture, input, corpus)} -o '{temp.File("model.txt")}' {string.Join(' ', Options)}";
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
        AssertNothingLeft(temp);
    }

    [Fact]
    public async Task Fifo_WithoutAWriter_StopsOnSigterm_LeavingNothing()
    {
        SkipOnWindows();
        using var temp = new TempDirectory();
        string fifo = temp.File("never.gz");
        MakeFifo(fifo);
        using Process process = StartCli(["train", "-i", fifo, "-o", temp.File("model.txt"), .. Options]);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await Task.Delay(3000, TestContext.Current.CancellationToken); // the runtime starts and blocks opening the FIFO

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        bool exited = process.WaitForExit(15_000);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(exited, "fastsgns did not stop on SIGTERM while waiting for a FIFO's writer");
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await stderr}");
        Assert.False(File.Exists(temp.File("model.txt")));
        AssertNothingLeft(temp);
    }

    [Fact]
    public void DirectoryOfMoreFilesThanTheDescriptorLimit_Trains()
    {
        SkipOnWindows();
        using var temp = new TempDirectory();
        string directory = Directory.CreateDirectory(temp.File("many")).FullName;
        for (int i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"part{i:D4}.txt"), $"alpha beta gamma delta w{i % 7}\nbeta gamma w{i % 5}\n");
        }

        string command = $"ulimit -n 64 && exec dotnet '{CliRunner.CliPath}' train -i '{directory}' -o '{temp.File("model.txt")}' --threads 2 --epochs 1 --dim 8 --min-count 1 -q";
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));

        Assert.True(process.ExitCode == 0, stderr);
        Assert.True(File.Exists(temp.File("model.txt")));
    }
}

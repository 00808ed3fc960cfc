using System.Net.Sockets;
using FastSgns.IO;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Cli.CliFiles;

namespace FastSgns.Tests.Cli;

/// <summary>
/// Issue #13, class 3. Rule: an output is a regular file or a new name in an existing directory; a symbolic link is
/// written through (its final target is replaced, the link stays); /dev/null discards the output (not the checkpoint);
/// a FIFO, socket, other device or directory is refused with exit 2 before any work, and stays as it was.
/// </summary>
public sealed class OutputKindCliTests
{
    [Theory]
    [InlineData("fifo", "-o", "FIFO")]
    [InlineData("socket", "-o", "socket")]
    [InlineData("fifo", "--save-vocab", "FIFO")]
    [InlineData("fifo", "--plot", "FIFO")]
    [InlineData("fifo", "--checkpoint", "FIFO")]
    [InlineData("/dev/zero", "-o", "character device")]
    [InlineData("/dev/null", "--checkpoint", "character device")]
    public void Train_OutputThatIsNotARegularFile_IsRefused_AndLeftAsItWas(string special, string option, string expected)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs, sockets and devices are told apart with statx on Linux");
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        Assert.Equal(0, ExternalProcess.Run("mkfifo", [temp.File("fifo")]).ExitCode);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(temp.File("socket")));
        string path = special.StartsWith('/') ? special : temp.File(special);
        FileStatus before = FileStatus.Of(path);
        var snapshot = Snapshot(temp.Path);
        string[] target = option == "-o" ? ["-o", path] : ["-o", temp.File("m.bin"), option, path];

        var result = CliRunner.Run(["train", "-i", corpus, .. target, .. Quick]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains($"is a {expected}", result.StdErr);
        Assert.Equal(before, FileStatus.Of(path));
        Assert.Equal(snapshot, Snapshot(temp.Path));
    }

    [Fact]
    public void Train_ToDevNull_TrainsAndDiscards_LeavingTheDeviceAndNoFiles()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/dev/null is recognised by its device number with statx on Linux");
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        FileStatus before = FileStatus.Of("/dev/null");

        var result = CliRunner.Run(["train", "-i", corpus, "-o", "/dev/null", "--save-vocab", temp.File("vocab.txt"), .. Quick]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(FileKind.CharacterDevice, FileStatus.Of("/dev/null").Kind);
        Assert.Equal(before.Identity, FileStatus.Of("/dev/null").Identity);
        Assert.True(File.Exists(temp.File("vocab.txt")));
        Assert.False(File.Exists("/dev/null.checkpoint"));
    }

    [Fact]
    public void Train_ToDevNull_HasNoDefaultCheckpoint_SoResumeNeedsOne()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/dev/null is recognised by its device number with statx on Linux");
        using var temp = new TempDirectory();

        var result = CliRunner.Run(["train", "-i", TextCorpus(temp), "-o", "/dev/null", "--resume", .. Quick]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--resume needs --checkpoint FILE when --output discards the vectors", result.StdErr);
    }

    [Fact]
    public void Train_ToASymbolicLink_WritesThroughIt_AndTheLinkStays()
    {
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        Directory.CreateDirectory(temp.File("models"));
        temp.Write("models/v1.txt", "old model");
        File.CreateSymbolicLink(temp.File("current.txt"), "models/v1.txt");

        var result = CliRunner.Run(["train", "-i", corpus, "-o", temp.File("current.txt"), .. Quick]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("models/v1.txt", new FileInfo(temp.File("current.txt")).LinkTarget);
        Assert.StartsWith("13 8\n", File.ReadAllText(temp.File("models/v1.txt")));
        Assert.Empty(Directory.GetFiles(temp.Path, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Generate_ToAFifo_IsRefusedBeforeGenerating()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file kinds are read with statx on Linux");
        using var temp = new TempDirectory();
        Assert.Equal(0, ExternalProcess.Run("mkfifo", [temp.File("fifo")]).ExitCode);

        var result = CliRunner.Run("generate", "--tokens", "1000", "-o", temp.File("fifo"));

        Assert.True(result.ExitCode == 2, result.StdErr);
        Assert.Contains("is a FIFO", result.StdErr);
        Assert.Equal(FileKind.Fifo, FileStatus.Of(temp.File("fifo")).Kind);
    }
}

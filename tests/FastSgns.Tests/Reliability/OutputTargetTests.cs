using System.Net.Sockets;
using FastSgns.IO;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Checkpoints;
using FastSgns.Pipeline;
using FastSgns.Training;
using FastSgns.Writers;

namespace FastSgns.Tests.Reliability;

/// <summary>The output-safety types of FastSgns.Core's IO folder, below the CLI: identities, targets, checkpoint deletion.</summary>
public sealed class OutputTargetTests
{
    [Fact]
    public void FileStatus_NamesOneFile_ThroughDotDot_HardLinks_AndSymbolicLinks_ButNotACopy()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("a.txt", "x");
        Directory.CreateDirectory(temp.File("sub"));
        Assert.Equal(0, ExternalProcess.Run("ln", [file, temp.File("hard.txt")]).ExitCode);
        File.CreateSymbolicLink(temp.File("link.txt"), file);
        File.Copy(file, temp.File("copy.txt"));
        FileIdentity identity = FileStatus.Of(file).Identity;

        Assert.Equal(identity, FileStatus.Of(temp.File("sub/../a.txt")).Identity);
        Assert.Equal(identity, FileStatus.Of(temp.File("hard.txt")).Identity);
        Assert.Equal(identity, FileStatus.Of(temp.File("link.txt")).Identity);
        Assert.Equal(FileKind.SymbolicLink, FileStatus.Of(temp.File("link.txt"), followLinks: false).Kind);
        Assert.NotEqual(identity, FileStatus.Of(temp.File("copy.txt")).Identity);
        Assert.Equal(FileKind.Missing, FileStatus.Of(temp.File("none")).Kind);
        Assert.Equal(FileKind.Missing, FileStatus.Of(temp.File("a.txt/below")).Kind);
    }

    [Fact]
    public void FileStatus_TellsTheKindsApart()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "device and inode identities are read with statx on Linux");
        using var temp = new TempDirectory();
        string fifo = temp.File("fifo");
        Assert.Equal(0, ExternalProcess.Run("mkfifo", [fifo]).ExitCode);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(temp.File("sock")));

        Assert.Equal(FileKind.Fifo, FileStatus.Of(fifo).Kind);
        Assert.Equal(FileKind.Socket, FileStatus.Of(temp.File("sock")).Kind);
        Assert.Equal(FileKind.CharacterDevice, FileStatus.Of("/dev/null").Kind);
        Assert.Equal(FileKind.Directory, FileStatus.Of(temp.Path).Kind);
        Assert.NotEqual(0UL, FileStatus.Of(temp.Path).Identity.Inode);
    }

    [Fact]
    public void AtomicFile_ThroughASymbolicLink_ReplacesTheTarget_AndKeepsTheLink()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("models"));
        string target = temp.Write("models/m.txt", "old");
        string link = temp.File("current.txt");
        File.CreateSymbolicLink(link, "models/m.txt");

        AtomicFile.Write(link, s => s.Write("new"u8));

        Assert.Equal("models/m.txt", new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Empty(ReliabilitySupport.Leftovers(temp.Path));
        Assert.Empty(ReliabilitySupport.Leftovers(temp.File("models")));
    }

    [Fact]
    public void AtomicFile_ThroughADanglingLink_CreatesItsTarget()
    {
        using var temp = new TempDirectory();
        string link = temp.File("current.txt");
        File.CreateSymbolicLink(link, "later.txt");

        AtomicFile.Write(link, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(temp.File("later.txt")));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void AtomicFile_ToTheNullDevice_WritesNothing_AndLeavesTheDevice()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/dev/null is recognised by its device number with statx on Linux");
        long written = 0;

        AtomicFile.Write("/dev/null", s => { s.Write(new byte[1000]); written = 1000; });

        Assert.Equal(1000, written);
        Assert.Equal(FileKind.CharacterDevice, FileStatus.Of("/dev/null").Kind);
    }

    [Fact]
    public void AtomicFile_ToAFifo_IsRefused_AndTheFifoStays()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file kinds are read with statx on Linux");
        using var temp = new TempDirectory();
        string fifo = temp.File("fifo");
        Assert.Equal(0, ExternalProcess.Run("mkfifo", [fifo]).ExitCode);
        bool called = false;

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(fifo, _ => called = true));

        Assert.Contains("FIFO", e.Message);
        Assert.False(called);
        Assert.Equal(FileKind.Fifo, FileStatus.Of(fifo).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void OutputTarget_EmptyPath_SaysSo_WithoutAParameterSuffix(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => OutputTarget.Resolve(path, "--output"));
        Assert.Equal("--output: the path is empty; give a file name.", e.Message);
    }

    [Fact]
    public void OutputTarget_Root_IsADirectory()
    {
        var e = Assert.Throws<IOException>(() => OutputTarget.Resolve("/", "--output"));
        Assert.Equal("/: is a directory; --output needs a file path.", e.Message);
    }

    [Fact]
    public void Pipeline_DeletesACheckpointItWrote_ButNotAFileItNeverReplaced()
    {
        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        File.WriteAllBytes(corpus, SyntheticCorpus.Generate(4000).Text);
        var options = new TrainingOptions { Dim = 8, Epochs = 3, Threads = 1, MinCount = 1 };

        string stale = temp.Write("stale.checkpoint", "not written by this run");
        var quiet = new TrainingPipeline(options) { WorkDirectory = temp.Path, Checkpoints = new CheckpointPlan { Path = stale } };
        quiet.TrainFiles([corpus]);
        quiet.DeleteCheckpoint();
        Assert.Equal("not written by this run", File.ReadAllText(stale));

        string written = temp.Write("written.checkpoint", "replaced by this run");
        var periodic = new TrainingPipeline(options)
        {
            WorkDirectory = temp.Path,
            Checkpoints = new CheckpointPlan { Path = written, EveryFraction = 0.01, MinInterval = TimeSpan.Zero },
        };
        periodic.TrainFiles([corpus]);
        Assert.NotEqual("replaced by this run", File.ReadAllText(written));
        periodic.DeleteCheckpoint();
        Assert.False(File.Exists(written));
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// Inputs that are not plain files or not plain text, as users meet them on the command line: pipes and FIFOs (read
/// once, through a spool), standard input, gzip checked to its trailers and recognised by content, byte-order marks,
/// binary formats, and directories of more files than the process may hold open.
/// </summary>
public sealed class InputCliTests
{
    private static readonly string[] s_options = ["--threads", "1", "--epochs", "1", "--dim", "8", "--min-count", "1", "--seed", "7", "-q"];

    private static CliRunner.Result Train(TempDirectory temp, string input, params string[] extra) =>
        CliRunner.Run(["train", "--input", input, "--output", temp.File("model.txt"), .. s_options, .. extra]);

    private static void AssertBadInput(CliRunner.Result result, TempDirectory temp, params string[] expected)
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
    private static void AssertNothingLeft(TempDirectory temp)
    {
        Assert.Empty(Leftovers(temp.Path));
        Assert.Empty(Directory.GetFiles(temp.Path, ".fastsgns-*"));
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>Trains on a copy of the synthetic corpus first; returns the model's bytes, the reference for equal runs.</summary>
    private static byte[] Reference(TempDirectory temp, out string corpus)
    {
        corpus = SyntheticFile(temp, 500);
        var result = CliRunner.Run(["train", "--input", corpus, "--output", temp.File("reference.txt"), .. s_options]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return File.ReadAllBytes(temp.File("reference.txt"));
    }

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

        using Process process = StartCli(["train", "-i", "-", "-o", temp.File("model.txt"), .. s_options], redirectInput: true);
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
        string command = $"exec dotnet '{CliRunner.CliPath}' train -i {string.Format(System.Globalization.CultureInfo.InvariantCulture, input, corpus)} -o '{temp.File("model.txt")}' {string.Join(' ', s_options)}";
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
        using Process process = StartCli(["train", "-i", fifo, "-o", temp.File("model.txt"), .. s_options]);
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
    public void MultiMemberGzip_TrainsAsThePlainFile()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        byte[] text = File.ReadAllBytes(corpus);
        int cut = Array.IndexOf(text, (byte)' ', text.Length / 2) + 1;
        string gz = temp.File("two-members.gz");
        File.WriteAllBytes(gz, [.. Gzip(text[..cut]), .. Gzip(text[cut..])]);

        var result = Train(temp, gz);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
    }

    [Theory]
    [InlineData("half", 2)]
    [InlineData("its 8-byte trailer", 0)]
    public void TruncatedGzip_FailsWithExit2_NamingTheFile(string cut, int divisor)
    {
        using var temp = new TempDirectory();
        byte[] compressed = Gzip(File.ReadAllBytes(SyntheticFile(temp, 500)));
        string gz = temp.File("cut.gz");
        File.WriteAllBytes(gz, divisor > 0 ? compressed[..(compressed.Length / divisor)] : compressed[..^8]);

        AssertBadInput(Train(temp, gz), temp, gz, "truncated");
        Assert.NotEmpty(cut);
    }

    [Fact]
    public void CorruptGzip_FailsWithExit2_NamingTheFileAndByte()
    {
        using var temp = new TempDirectory();
        byte[] compressed = Gzip(File.ReadAllBytes(SyntheticFile(temp, 500)));
        for (int i = compressed.Length / 2; i < compressed.Length / 2 + 40; i++)
        {
            compressed[i] ^= 0x5A;
        }

        string gz = temp.File("corrupt.gz");
        File.WriteAllBytes(gz, compressed);

        AssertBadInput(Train(temp, gz), temp, $"{gz}: byte ");
    }

    [Fact]
    public void PlainTextNamedGz_FailsWithExit2_NamingTheFile()
    {
        using var temp = new TempDirectory();
        string gz = temp.Write("text.gz", "these are plain words\n");

        AssertBadInput(Train(temp, gz), temp, gz, "not gzip data");
    }

    [Fact]
    public void GzipNamedTxt_IsDecompressed_ByItsContent()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        string txt = temp.File("really-gzip.txt");
        File.WriteAllBytes(txt, Gzip(File.ReadAllBytes(corpus)));

        var result = Train(temp, txt);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
    }

    [Fact]
    public void Utf8ByteOrderMark_IsSkipped()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        string withBom = temp.File("bom.txt");
        File.WriteAllBytes(withBom, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(corpus)]);

        var result = Train(temp, withBom);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
    }

    public static TheoryData<string, byte[], string> NotText => new()
    {
        { "UTF-16 LE with a mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("the cat sat on the mat\n")], "UTF-16" },
        { "UTF-16 BE with a mark", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("the cat sat\n")], "UTF-16" },
        { "UTF-32 with a mark", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("the cat sat\n")], "UTF-32" },
        { "UTF-16 without a mark", Encoding.Unicode.GetBytes(string.Concat(Enumerable.Repeat("the cat sat on the mat\n", 100))), "NUL" },
        { "zip", [0x50, 0x4B, 0x03, 0x04, .. new byte[100]], "zip archive" },
        { "xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, .. new byte[100]], "xz" },
        { "zstd", [0x28, 0xB5, 0x2F, 0xFD, .. new byte[100]], "zstd" },
        { "bzip2", [.. "BZh9"u8.ToArray(), 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, .. new byte[100]], "bzip2" },
        { "ELF", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, .. new byte[100]], "ELF" },
        { "PDF", [.. "%PDF-1.7\n"u8.ToArray()], "PDF" },
        { "random bytes", RandomBytes(20_000), "not UTF-8 text" },
    };

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(3).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void NotText_IsRefused_WithExit2_NamingTheFileAndWhatItIs(string what, byte[] content, string expected)
    {
        using var temp = new TempDirectory();
        string input = temp.File("input.txt");
        File.WriteAllBytes(input, content);

        AssertBadInput(Train(temp, input), temp, input, expected);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void GzipOfUtf16_IsRefused_LikeThePlainFile()
    {
        using var temp = new TempDirectory();
        string input = temp.File("utf16.gz");
        File.WriteAllBytes(input, Gzip([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("the cat sat\n")]));

        AssertBadInput(Train(temp, input), temp, input, "UTF-16");
    }

    [Fact]
    public void Latin1Text_Trains_WithAWarningNamingTheFile()
    {
        using var temp = new TempDirectory();
        string input = temp.File("latin1.txt");
        File.WriteAllBytes(input, Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("über straße café naïve ok words here\n", 200))));

        var result = CliRunner.Run(["train", "--input", input, "--output", temp.File("model.txt"), "--threads", "1", "--epochs", "1", "--dim", "8", "--min-count", "1"]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"{input}: warning: ", result.StdErr);
        Assert.Contains("invalid UTF-8", result.StdErr);
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

    private static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("FIFOs, signals and ulimit are Unix features.");
        }
    }
}

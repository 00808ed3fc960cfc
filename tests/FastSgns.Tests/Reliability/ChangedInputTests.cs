using System.Diagnostics;
using FastSgns.Corpus;
using FastSgns.Tests.Support;
using FastSgns.Pipeline;
using FastSgns.Training;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// An input truncated, or grown, while a run reads it. Read through a memory map, the truncation killed the process
/// with SIGBUS (exit 134, an id file left behind); read with positional reads, it is an error naming the file, and
/// the run cleans up as for any other bad input.
/// </summary>
public sealed class ChangedInputTests
{
    /// <summary>Changes the file the first time a token arrives, i.e. after the first read of a chunk.</summary>
    private struct ChangingSink(string path, Action<string> change) : ITokenSink
    {
        private bool _changed;

        public void OnToken(ReadOnlySpan<byte> token)
        {
            if (!_changed)
            {
                _changed = true;
                change(path);
            }
        }

        public readonly void OnSentenceEnd()
        {
        }
    }

    /// <summary>Larger than the 1 MB read buffer, so the reader comes back to the file after the change.</summary>
    private static string LargeFile(TempDirectory temp) => SyntheticFile(temp, 40_000);

    public static TheoryData<string> Changes => new() { "truncate", "append", "rewrite" };

    private static void Change(string path, string how)
    {
        switch (how)
        {
            case "truncate":
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(stream.Length / 3);
                }

                break;
            case "append":
                File.AppendAllText(path, "more words\n");
                break;
            default:
                // Same length, new content: only the modification time tells.
                byte[] bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes);
                File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void FileChangedWhileItIsRead_FailsNamingIt(string how)
    {
        using var temp = new TempDirectory();
        string path = LargeFile(temp);
        Assert.True(new FileInfo(path).Length > 2 * StreamTokenizer.BufferBytes);
        using CorpusFiles files = CorpusFiles.Open([path]);
        var sink = new ChangingSink(path, p => Change(p, how));

        var error = Assert.Throws<InvalidDataException>(() => files.Tokenize(ref sink));

        Assert.StartsWith($"{path}: the input changed while it was being read", error.Message);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void FileChangedBetweenCountingAndEncoding_FailsNamingIt_AndLeavesNoIdFile(string how)
    {
        using var temp = new TempDirectory();
        string path = LargeFile(temp);
        string work = Directory.CreateDirectory(temp.File("work")).FullName;
        var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 2, MinCount = 1 })
        {
            // A bound on counting keeps the two passes (count, then encode): without one, counting writes the id file
            // as it reads (CountingEncoder) and the text is never read again, so a later change cannot reach it.
            MaxVocabMemory = 1L << 30,
            WorkDirectory = work,
            Log = message =>
            {
                if (message.StartsWith("count:", StringComparison.Ordinal))
                {
                    Change(path, how);
                }
            },
        };

        var error = Assert.Throws<InvalidDataException>(() => pipeline.TrainFiles([path]));

        Assert.Contains($"{path}: the input changed while it was being read", error.Message);
        Assert.Empty(Directory.GetFiles(work));
    }

    [Fact]
    public void Cli_InputTruncatedWhileEncoding_Exits2_NamingIt_LeavingNothing()
    {
        using var temp = new TempDirectory();
        string corpus = temp.File("big.txt");
        var generate = CliRunner.Run("generate", "--tokens", "8000000", "--vocab", "50000", "--output", corpus, "--seed", "1");
        Assert.True(generate.ExitCode == 0, generate.StdErr);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in (string[])[CliRunner.CliPath, "train", "-i", corpus, "-o", temp.File("model.txt"), "--threads", "2", "--dim", "8", "--epochs", "1",
                     "--max-vocab-memory", "1GB"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = new System.Text.StringBuilder();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null)
        {
            stderr.AppendLine(line);
            if (line.StartsWith("count:", StringComparison.Ordinal))
            {
                // Encoding starts now and takes a good fraction of a second for 40 MB: cut the file under it. (The bound
                // keeps the second pass over the text; without it, counting writes the id file in the one pass.)
                Change(corpus, "truncate");
            }
        }

        Assert.True(process.WaitForExit(120_000));
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {stderr}");
        Assert.Contains($"fastsgns: error: {corpus}: the input changed while it was being read", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
        Assert.False(File.Exists(temp.File("model.txt")));
        Assert.Empty(Leftovers(temp.Path));
        process.StandardOutput.Close();
    }
}

using System.Text;
using System.Text.RegularExpressions;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>
/// The library as a guest in someone else's process: it never exits it, never prints unless given a Log, and
/// removes its temporary files on failure and on cancellation. Runs alone because it swaps Console.Out.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed partial class LibraryHygieneTests
{
    [Fact]
    public void Training_WritesNothingToTheConsole()
    {
        using var temp = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();
        TextWriter originalOut = Console.Out;
        TextWriter originalError = Console.Error;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 2, MinCount = 1 }) { WorkDirectory = temp.Path };
            pipeline.TrainFiles([SyntheticFile(temp, 1000)]);
            Assert.Throws<TrainingDivergedException>(() =>
                new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 1, MinCount = 1, Alpha = 10 }).TrainText(SyntheticCorpus.Generate(1000).Text));
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Equal("", output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Cancellation_StopsQuickly_AndLeavesNoIdOrTemporaryFile()
    {
        using var temp = new TempDirectory();
        string corpus = SyntheticFile(temp, 2000);
        var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 32, Epochs = 100_000, Threads = 2, MinCount = 1 })
        {
            WorkDirectory = temp.Path,
            SaveVocabularyPath = temp.File("vocab.txt"),
        };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.TrainFiles([corpus], cancellation.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"took {DateTime.UtcNow - started}");
        Assert.Empty(Leftovers(temp.Path));
        Assert.Equal(["corpus.txt", "vocab.txt"], Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)).Order().ToArray());
    }

    [Fact]
    public void LibrarySources_NeverExitTheProcessOrTouchTheConsole()
    {
        string? root = FindRepository();
        if (root is null)
        {
            RequiredInCi.Missing("library source scan", "the repository's src/ folder is not beside the test binaries; skipping the source scan.");
        }

        var offenders = new StringBuilder();
        foreach (string project in new[] { "FastSgns.Core", "FastSgns.Api" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root!, "src", project), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                int line = 0;
                foreach (string text in File.ReadLines(file))
                {
                    line++;
                    if (Forbidden().IsMatch(text))
                    {
                        offenders.AppendLine($"{file}:{line}: {text.Trim()}");
                    }
                }
            }
        }

        Assert.True(offenders.Length == 0, offenders.ToString());
    }

    [GeneratedRegex(@"\b(Console\s*\.|Environment\s*\.\s*(Exit|FailFast))")]
    private static partial Regex Forbidden();

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "FastSgns.Core")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

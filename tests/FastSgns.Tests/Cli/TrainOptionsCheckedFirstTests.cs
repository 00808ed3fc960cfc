using System.CommandLine;
using System.Diagnostics;
using FastSgns.Cli;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Cli;

/// <summary>
/// Every train option is checked before the corpus is read. The input here is a FIFO that nobody writes to: opening
/// it blocks, so a run that reached the corpus before rejecting the bad value would hang (and time out) instead of
/// exiting at once with one line naming the problem.
/// </summary>
public sealed class TrainOptionsCheckedFirstTests
{
    /// <summary>A bad value for each train option that has one, and a fragment of the error it must give.</summary>
    private static readonly Dictionary<string, (string[] Value, string Expected)> s_bad = new(StringComparer.Ordinal)
    {
        ["--output"] = ([""], "--output: the path is empty"),
        ["--dim"] = (["0"], "--dim must be between 1 and 10000, got 0."),
        ["--window"] = (["0"], "--window must be"),
        ["--negative"] = (["0"], "--negative must be"),
        ["--sample"] = (["1"], "--sample must be"),
        ["--min-count"] = (["0"], "--min-count must be"),
        ["--max-vocab"] = (["-1"], "--max-vocab must be"),
        ["--epochs"] = (["0"], "--epochs must be"),
        ["--alpha"] = (["0"], "--alpha must be"),
        ["--threads"] = (["0"], "--threads must be"),
        ["--seed"] = (["-1"], "--seed expects a whole number from 0"),
        ["--kernel"] = (["avx9"], "--kernel must be one of"),
        ["--mode"] = (["quads"], "--mode"),
        ["--shared-negatives"] = (["0"], "--shared-negatives must be"),
        ["--save-vocab"] = (["nodir/v.txt"], "does not exist"),
        ["--read-vocab"] = (["missing.voc"], "missing.voc: vocabulary file not found."),
        ["--eval-analogies"] = (["missing.txt"], "missing.txt: no such evaluation file."),
        ["--eval-similarity"] = (["missing.txt"], "missing.txt: no such evaluation file."),
        ["--eval-restrict"] = (["-1"], "--eval-restrict must be"),
        ["--plot"] = (["nodir/p.png"], "does not exist"),
        ["--max-vocab-memory"] = (["1"], "--max-vocab-memory must be at least 1MB"),
        ["--checkpoint"] = (["nodir/c"], "does not exist"),
        ["--checkpoint-every"] = (["200"], "--checkpoint-every must be a percentage"),
        ["--resume"] = ([], "no checkpoint to resume from."),
        ["--model"] = (["quads"], "--model"),
        ["--cbow-mean"] = (["median"], "--cbow-mean"),
        ["--ns-exponent"] = (["11"], "--ns-exponent must be between -10 and 10, got 11."),
        ["--stop-after-epochs"] = (["9"], "--stop-after-epochs must be 0 (all) or at most the 5 epochs, got 9."),
        ["--classes"] = (["-1"], "--classes must be between 0 (off) and 1000000, got -1."),
        ["--save-model"] = (["nodir/m.fsgns"], "does not exist"),
        ["--init-model"] = (["missing.fsgns"], "missing.fsgns: no such model file."),
        ["--sync-words"] = (["0"], "--sync-words must be between 1 and 1099511627776, got 0."),
        ["--sync-hot-rows"] = (["0"], "--sync-hot-rows must be at least 1, got 0."),
        ["--sync-wide-every"] = (["0"], "--sync-wide-every must be at least 1, got 0."),
    };

    /// <summary>Options without a bad value: the input itself (the FIFO), and switches that are only on or off.</summary>
    private static bool HasNoBadValue(Option option) => option.Name == "--input" || (option.ValueType == typeof(bool) && option.Name != "--resume");

    public static TheoryData<string> Options => [.. s_bad.Keys];

    [Fact]
    public void EveryTrainOption_HasABadValueHere()
    {
        var missing = TrainCommand.Create().Options.Where(o => !HasNoBadValue(o) && !s_bad.ContainsKey(o.Name)).Select(o => o.Name).ToList();

        Assert.True(missing.Count == 0, $"add a bad value for {string.Join(", ", missing)} to {nameof(TrainOptionsCheckedFirstTests)}, to show it is checked before the corpus is read");
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void BadValue_FailsAtOnce_WithoutOpeningTheInput(string option)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        using var temp = new TempDirectory();
        string fifo = temp.File("corpus.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        (string[] value, string expected) = s_bad[option];
        string[] output = option == "--output" ? [] : ["-o", temp.File("out.bin")];
        string[] arguments = [.. value.Select(v => v.Contains('.') || v.Contains('/') ? temp.File(v) : v)];

        // 60 s: a run that opened the FIFO would wait for a writer for ever; CliRunner then fails the test.
        var result = CliRunner.Run(["train", "-i", fifo, .. output, option, .. arguments], timeoutSeconds: 60);

        Assert.True(result.ExitCode is 1 or 2, $"exit {result.ExitCode}: {result.StdErr}");
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("(Parameter", line);
        Assert.Equal(["corpus.fifo"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}

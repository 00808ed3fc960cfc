using System.CommandLine;
using FastSgns.Cli;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Cli.CliFiles;

namespace FastSgns.Tests.Cli;

/// <summary>
/// fastText's and word2vec.c's single-dash long options are rewritten or refused, never misread (<c>-input</c> was
/// <c>-i nput</c>); a command line the parser rejects gets one line with a suggestion, not the help.
/// </summary>
public sealed class CommandLineParsingTests
{
    private static RootCommand Root(params Command[] commands)
    {
        var root = new RootCommand("test");
        foreach (Command command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static string[] Rewrite(Command root, params string[] args)
    {
        string[]? rewritten = SingleDashOptions.Rewrite(root, args, out string? error);
        Assert.True(rewritten is not null, error);
        return rewritten;
    }

    [Fact]
    public void FastTextSpellings_BecomeOurFlags_AndParseCleanly()
    {
        RootCommand root = Root(TrainCommand.Create());
        string[] args = ["train", "-input", "c.txt", "-output", "v.bin", "-dim", "50", "-epoch", "3", "-lr", "0.05", "-ws", "4", "-minCount", "2",
            "-neg", "7", "-thread", "2", "-t", "1e-4"];

        string[] rewritten = Rewrite(root, args);

        Assert.Equal(["train", "--input", "c.txt", "--output", "v.bin", "--dim", "50", "--epochs", "3", "--alpha", "0.05", "--window", "4",
            "--min-count", "2", "--negative", "7", "--threads", "2", "--sample", "1e-4"], rewritten);
        Assert.Empty(root.Parse(rewritten).Errors);
    }

    [Fact]
    public void Word2VecSpellings_BecomeOurFlags_WithZeroOneSwitches()
    {
        RootCommand root = Root(TrainCommand.Create());

        string[] rewritten = Rewrite(root, "train", "-train", "c.txt", "-output", "v.bin", "-size", "200", "-window", "5", "-sample", "1e-4",
            "-negative", "5", "-threads", "2", "-iter", "3", "-min-count", "5", "-alpha", "0.025", "-binary", "1", "-save-vocab", "voc.txt");

        Assert.Equal(["train", "--input", "c.txt", "--output", "v.bin", "--dim", "200", "--window", "5", "--sample", "1e-4", "--negative", "5",
            "--threads", "2", "--epochs", "3", "--min-count", "5", "--alpha", "0.025", "--binary", "true", "--save-vocab", "voc.txt"], rewritten);
        Assert.Empty(root.Parse(rewritten).Errors);
        Assert.Equal(["train", "--input", "c", "--binary", "false"], Rewrite(root, "train", "-input", "c", "-binary", "0"));
        Assert.Equal(["train", "--model", "cbow", "--hs", "true", "--negative", "0"], Rewrite(root, "train", "-cbow", "1", "-hs", "1", "-negative", "0"));
        Assert.Equal(["train", "--model", "skipgram"], Rewrite(root, "train", "-cbow", "0"));
    }

    [Theory]
    [InlineData("-i", "-")]             // standard input
    [InlineData("-o", "-weird.bin")]    // a value that looks like an option
    [InlineData("--sample", "-1")]      // a negative number, refused later by validation
    [InlineData("-q", "--")]            // everything after "--" is left alone
    public void Values_AndShortOptions_AreKeptAsTyped(string option, string value)
    {
        string[] rewritten = Rewrite(Root(TrainCommand.Create()), "train", option, value, "-dim", "8");

        Assert.Equal(["train", option, value, value == "--" ? "-dim" : "--dim", "8"], rewritten);
    }

    /// <summary>Options the command gains later are covered with no change to the rewriter: it reads the command's own list.</summary>
    [Fact]
    public void NewOptions_AreAcceptedFromTheCommandsOwnList_IncludingForeignValueMaps()
    {
        var command = new Command("train")
        {
            new Option<double>("--ns-exponent"),
            new Option<bool>("--hs"),
            new Option<string>("--model") { DefaultValueFactory = _ => "skipgram" },
            new Option<string>("--save-model"),
        };
        RootCommand root = Root(command);

        Assert.Equal(["train", "--ns-exponent", "0.5", "--hs", "true", "--model", "cbow"], Rewrite(root, "train", "-ns-exponent", "0.5", "-hs", "1", "-cbow", "1"));
        Assert.Equal(["train", "--model", "skipgram"], Rewrite(root, "train", "-cbow", "0"));
        Assert.Null(SingleDashOptions.Rewrite(root, ["train", "-cbow", "2"], out string? error));
        Assert.Equal("-cbow expects 0 or 1, got '2'.", error);
        Assert.Equal("--save-model", UsageErrors.Suggest("save-modle", SingleDashOptions.OptionsByAlias(command).Keys));
    }

    [Theory]
    [InlineData("-minn", "-minn is not an option of fastsgns train: fastText's subword n-grams")]
    [InlineData("-debug", "-debug is not an option of fastsgns train: progress is printed to stderr unless --quiet is given.")]
    [InlineData("-dimm", "unknown option -dimm; did you mean --dim?")]
    [InlineData("-frobnicate", "unknown option -frobnicate; see 'fastsgns train --help' for the options.")]
    public void UnknownSingleDashNames_AreRefused_WithOneLine(string token, string expected)
    {
        Assert.Null(SingleDashOptions.Rewrite(Root(TrainCommand.Create()), ["train", "-i", "c.txt", token, "3"], out string? error));
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void CommandsTakingWords_LeaveUnknownDashTokens_ForTheParser()
    {
        Assert.Equal(["similar", "--vectors", "m.bin", "-lrb-"], Rewrite(Root(SimilarCommand.Create()), "similar", "-vectors", "m.bin", "-lrb-"));
    }

    [Theory]
    [InlineData("dimm", "--dim")]
    [InlineData("epoch", "--epochs")]     // fastText's name, typed with two dashes
    [InlineData("iter", "--epochs")]      // word2vec.c's
    [InlineData("theads", "--threads")]
    [InlineData("Window", "--window")]
    [InlineData("mincount", "--min-count")]
    [InlineData("checkpoint-evry", "--checkpoint-every")]
    [InlineData("zzz", null)]
    public void Suggest_FindsTheNearestOption(string typed, string? expected)
    {
        Assert.Equal(expected, UsageErrors.Suggest(typed, SingleDashOptions.OptionsByAlias(TrainCommand.Create()).Keys));
    }

    [Theory]
    [InlineData("fastsgns: error: unknown option --dimm; did you mean --dim?", "--dimm", "50")]
    [InlineData("fastsgns: error: unknown option --epoch; did you mean --epochs?", "--epoch", "3")]
    [InlineData("fastsgns: error: --dim expects a whole number, got 'ten'.", "--dim", "ten")]
    [InlineData("fastsgns: error: --seed expects a whole number from 0, got '-1'.", "--seed", "-1")]
    [InlineData("fastsgns: error: -minn is not an option", "-minn", "3")]
    public void Cli_RejectedCommandLine_IsOneLine_WithoutTheHelp(string expected, string option, string value)
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run(["train", "-i", TextCorpus(temp), "-o", temp.File("m.bin"), .. Quick, option, value]);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line);
        Assert.Equal("", result.StdOut);
        Assert.False(File.Exists(temp.File("m.bin")));
    }

    /// <summary>The case: "-input c.txt" was read as "-i nput" and failed with "nput: input file not found".</summary>
    [Fact]
    public void Cli_SingleDashSpellings_TrainExactlyAsTheDoubleDashOnes()
    {
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);

        var single = CliRunner.Run("train", "-input", corpus, "-output", temp.File("a.bin"), "-dim", "8", "-epoch", "1", "-minCount", "1", "-thread", "1",
            "-binary", "1", "-seed", "5", "-q");
        var twin = CliRunner.Run("train", "--input", corpus, "--output", temp.File("b.bin"), "--dim", "8", "--epochs", "1", "--min-count", "1", "--threads", "1",
            "--binary", "--seed", "5", "-q");

        Assert.True(single.ExitCode == 0, single.StdErr);
        Assert.True(twin.ExitCode == 0, twin.StdErr);
        Assert.Equal(File.ReadAllBytes(temp.File("b.bin")), File.ReadAllBytes(temp.File("a.bin")));
    }
}

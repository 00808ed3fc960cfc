using System.CommandLine;
using FastSgns.Cli;

var root = new RootCommand("FastSgns: word2vec skip-gram with negative sampling, fast and correct, on a CPU.")
{
    TrainCommand.Create(),
    DemoCommand.Create(),
    SimilarCommand.Create(),
    AnalogyCommand.Create(),
    DoesntMatchCommand.Create(),
    NSimilarityCommand.Create(),
    EvalCommand.Create(),
    ExportCommand.Create(),
    GenerateCommand.Create(),
    PhrasesCommand.Create(),
};

// fastText/word2vec.c spellings (-input, -dim, -epoch) are rewritten or refused before parsing, and a command line
// the parser rejects gets one line with a suggestion instead of the parser's error list and the whole help.
string[]? rewritten = SingleDashOptions.Rewrite(root, args, out string? refusal);
ParseResult? result = rewritten is null ? null : root.Parse(rewritten);
string? error = refusal ?? UsageErrors.Describe(result!);
if (error is not null)
{
    Console.Error.WriteLine($"fastsgns: error: {error}");
    return ExitCodes.Failure;
}

return result!.Invoke();

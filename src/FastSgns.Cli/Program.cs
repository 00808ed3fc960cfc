using System.CommandLine;
using FastSgns.Cli;

var root = new RootCommand("FastSgns: word2vec skip-gram with negative sampling, fast and correct, on a CPU.")
{
    TrainCommand.Create(),
    DemoCommand.Create(),
    SimilarCommand.Create(),
    AnalogyCommand.Create(),
    EvalCommand.Create(),
    ExportCommand.Create(),
    GenerateCommand.Create(),
    PhrasesCommand.Create(),
};

return root.Parse(args).Invoke();

using System.CommandLine;
using FastSgns.Evaluation;
using FastSgns.Queries;

namespace FastSgns.Cli;

/// <summary>Options shared by the query commands, so that similar, analogy, eval and export spell them alike.</summary>
internal static class CliOptions
{
    public static Option<string> Vectors() =>
        new("--vectors", "-v") { Description = "Vector file in word2vec text or binary format (detected).", Required = true };

    public static Option<int> Count(int defaultValue) =>
        new("-k", "--top") { Description = "How many answers to print.", DefaultValueFactory = _ => defaultValue };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };

    public static Option<string> Method() => new Option<string>("--method")
    {
        Description = "Analogy objective: add (3CosAdd, word2vec/gensim most_similar) or mul (3CosMul, gensim most_similar_cosmul).",
        DefaultValueFactory = _ => "add",
    }.AcceptOnlyFromAmong("add", "mul");

    public static Option<int> Restrict() => new("--restrict")
    {
        Description = "Answer analogies among the N most frequent words only (word2vec's protocol; 0 = all words).",
        DefaultValueFactory = _ => AnalogyEvaluator.DefaultRestrict,
    };

    public static AnalogyMethod ParseMethod(string? text) => text == "mul" ? AnalogyMethod.Mul : AnalogyMethod.Add;

    public static string Name(AnalogyMethod method) => method == AnalogyMethod.Mul ? "mul" : "add";

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive, got {value}.");
}

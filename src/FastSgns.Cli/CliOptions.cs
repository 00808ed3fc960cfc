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
        Description = "Objective: add (cosine with the mean vector, 3CosAdd: gensim most_similar) or mul (3CosMul: gensim most_similar_cosmul).",
        DefaultValueFactory = _ => "add",
    }.AcceptOnlyFromAmong("add", "mul");

    public static Option<int> Restrict() => new("--restrict")
    {
        Description = "Answer analogies among the N most frequent words only (word2vec's protocol; 0 = all words).",
        DefaultValueFactory = _ => AnalogyEvaluator.DefaultRestrict,
    };

    /// <summary>gensim's <c>restrict_vocab</c> for the neighbour queries; unlike eval's --restrict, all words by default.</summary>
    public static Option<int> QueryRestrict() => new("--restrict")
    {
        Description = "Answer among the N most frequent words only (gensim's restrict_vocab; 0 = all words).",
        DefaultValueFactory = _ => 0,
        HelpName = "N",
    };

    /// <summary>A list of words after one flag: <c>--positive king woman</c> (or the flag repeated).</summary>
    public static Option<string[]> Words(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "words",
    };

    /// <summary>
    /// A vector file as a model; repeated words are reported on stderr, as eval and export do. The caller disposes it.
    /// </summary>
    public static SgnsModel LoadModel(string path) => new(Writers.Word2VecReader.Load(path, warn: Console.Error.WriteLine));

    public static int NotNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentException($"{name} must be 0 (all words) or a positive number of words, got {value}.");

    public static AnalogyMethod ParseMethod(string? text) => text == "mul" ? AnalogyMethod.Mul : AnalogyMethod.Add;

    public static string Name(AnalogyMethod method) => method == AnalogyMethod.Mul ? "mul" : "add";

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive, got {value}.");
}

using FastSgns.Cli.Json;
using FastSgns.Queries;

namespace FastSgns.Cli;

/// <summary>
/// What <c>similar</c> and <c>analogy</c> ask: gensim's <c>most_similar</c> (<see cref="AnalogyMethod.Add"/>) or
/// <c>most_similar_cosmul</c> (<see cref="AnalogyMethod.Mul"/>) with positive and negative words, k answers and an
/// optional restriction to the most frequent words. Checked before the vector file is read.
/// </summary>
internal sealed record NeighborQuery(string[] Positive, string[] Negative, int K, int Restrict, AnalogyMethod Method)
{
    /// <summary>
    /// Checks the numbers (out of range: bad input, exit 2); the words were checked by <see cref="Problem"/> when the
    /// command line was parsed (a query with nothing to ask is a usage error, exit 1).
    /// </summary>
    public static NeighborQuery Create(string command, string[] positive, string[] negative, int k, int restrict, AnalogyMethod method)
    {
        CliOptions.Positive(k, "-k");
        CliOptions.NotNegative(restrict, "--restrict");
        return Problem(command, positive, negative, method) is { } problem
            ? throw new UsageException(problem)
            : new NeighborQuery(positive, negative, k, restrict, method);
    }

    /// <summary>What is wrong with the words of a query, or null: none at all, or 3CosMul without a positive word.</summary>
    public static string? Problem(string command, string[] positive, string[] negative, AnalogyMethod method) =>
        positive.Length + negative.Length == 0
            ? $"{command}: no words to query; give {(command == "analogy" ? "A B C" : "a WORD")} or --positive/--negative words."
            : method == AnalogyMethod.Mul && positive.Length == 0
                ? $"{command}: --method mul needs at least one positive word."
                : null;

    public IReadOnlyList<(string Word, float Similarity)> Run(SgnsModel model) => Method == AnalogyMethod.Mul
        ? model.MostSimilarCosMul(Positive, Negative, K, Restrict)
        : model.MostSimilar(Positive, Negative, K, Restrict);

    public static IReadOnlyList<WordScoreJson> Json(IReadOnlyList<(string Word, float Similarity)> answers) =>
        [.. answers.Select(a => new WordScoreJson(a.Word, a.Similarity))];
}

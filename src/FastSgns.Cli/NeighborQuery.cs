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
    /// <summary>Checks the parts and refuses a query with nothing to ask; <paramref name="command"/> names it in errors.</summary>
    public static NeighborQuery Create(string command, string[] positive, string[] negative, int k, int restrict, AnalogyMethod method)
    {
        CliOptions.Positive(k, "-k");
        CliOptions.NotNegative(restrict, "--restrict");
        if (positive.Length + negative.Length == 0)
        {
            throw new UsageException($"{command}: no words to query; give {(command == "analogy" ? "A B C" : "a WORD")} or --positive/--negative words.");
        }

        if (method == AnalogyMethod.Mul && positive.Length == 0)
        {
            throw new UsageException($"{command}: --method mul needs at least one positive word.");
        }

        return new NeighborQuery(positive, negative, k, restrict, method);
    }

    public IReadOnlyList<(string Word, float Similarity)> Run(SgnsModel model) => Method == AnalogyMethod.Mul
        ? model.MostSimilarCosMul(Positive, Negative, K, Restrict)
        : model.MostSimilar(Positive, Negative, K, Restrict);

    public static IReadOnlyList<WordScoreJson> Json(IReadOnlyList<(string Word, float Similarity)> answers) =>
        [.. answers.Select(a => new WordScoreJson(a.Word, a.Similarity))];
}

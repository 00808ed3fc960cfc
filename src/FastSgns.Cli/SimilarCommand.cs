using System.CommandLine;
using System.Text.Json;
using FastSgns.Cli.Json;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns similar</c>: the words nearest to a word, or to several (gensim's <c>most_similar(positive, negative,
/// topn, restrict_vocab)</c>; <c>--method mul</c> is <c>most_similar_cosmul</c>).
/// </summary>
internal static class SimilarCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var top = CliOptions.Count(10);
        var positive = CliOptions.Words("--positive", "Words the answers should be close to (several allowed: --positive king woman).");
        var negative = CliOptions.Words("--negative", "Words the answers should be far from (several allowed).");
        var restrict = CliOptions.QueryRestrict();
        var method = CliOptions.Method();
        var json = CliOptions.Json();
        var word = new Argument<string?>("word")
        {
            Description = "The word to find neighbours of (case-sensitive, as in the vector file); added to --positive.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("similar", "Print the words closest to WORD, or to --positive words minus --negative words, by cosine.")
        {
            vectors, top, positive, negative, restrict, method, json, word,
        };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            string? single = result.GetValue(word);
            string[] more = result.GetValue(positive) ?? [];
            string[] positives = single is null ? more : [single, .. more];
            var query = NeighborQuery.Create("similar", positives, result.GetValue(negative) ?? [], result.GetValue(top), result.GetValue(restrict),
                CliOptions.ParseMethod(result.GetValue(method)));
            using SgnsModel model = CliOptions.LoadModel(result.GetValue(vectors)!);
            var neighbors = query.Run(model);
            if (result.GetValue(json))
            {
                var answer = new SimilarJson(single, query.Positive, query.Negative, CliOptions.Name(query.Method), query.Restrict, NeighborQuery.Json(neighbors));
                Console.WriteLine(JsonSerializer.Serialize(answer, CliJsonContext.Default.SimilarJson));
            }
            else
            {
                WordScoreTable.Write(neighbors);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}

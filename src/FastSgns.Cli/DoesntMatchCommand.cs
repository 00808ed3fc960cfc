using System.CommandLine;
using System.Text.Json;
using FastSgns.Cli.Json;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns doesnt-match W1 W2 …</c>: the word that fits least with the others (gensim's <c>doesnt_match</c>);
/// <c>--json</c> adds every word's score (gensim's <c>rank_by_centrality</c>). An unknown word is an error, where
/// gensim would skip it with a logged warning: a typo must not change the answer unnoticed.
/// </summary>
internal static class DoesntMatchCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var json = CliOptions.Json();
        var words = new Argument<string[]>("words")
        {
            Description = "The words to compare (at least three make sense: breakfast cereal dinner lunch).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("doesnt-match", "Print the word that fits least with the others (farthest from their mean by cosine).") { vectors, json, words };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            string[] given = result.GetValue(words)!;
            using SgnsModel model = CliOptions.LoadModel(result.GetValue(vectors)!);
            string odd = model.DoesntMatch(given);
            if (result.GetValue(json))
            {
                var answer = new DoesntMatchJson(given, odd, NeighborQuery.Json(model.RankByCentrality(given)));
                Console.WriteLine(JsonSerializer.Serialize(answer, CliJsonContext.Default.DoesntMatchJson));
            }
            else
            {
                Console.WriteLine(odd);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}

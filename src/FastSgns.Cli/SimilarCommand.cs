using System.CommandLine;
using System.Text.Json;
using FastSgns.Cli.Json;

namespace FastSgns.Cli;

/// <summary><c>fastsgns similar</c>: the nearest words to a word by cosine, like gensim's <c>most_similar(word)</c>.</summary>
internal static class SimilarCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var top = CliOptions.Count(10);
        var json = CliOptions.Json();
        var word = new Argument<string>("word") { Description = "The word to find neighbours of (case-sensitive, as in the vector file)." };
        var command = new Command("similar", "Print the words closest to WORD by cosine similarity.") { vectors, top, json, word };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            int k = CliOptions.Positive(result.GetValue(top), "-k");
            SgnsModel model = SgnsModel.Load(result.GetValue(vectors)!);
            string query = result.GetValue(word)!;
            var neighbors = model.MostSimilar(query, k);
            if (result.GetValue(json))
            {
                var answer = new SimilarJson(query, [.. neighbors.Select(n => new WordScoreJson(n.Word, n.Similarity))]);
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

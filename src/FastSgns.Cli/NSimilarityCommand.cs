using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FastSgns.Cli.Json;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns n-similarity --first W… --second W…</c>: the cosine of the mean vectors of two word sets (gensim's
/// <c>n_similarity(ws1, ws2)</c>, over the vectors as stored).
/// </summary>
internal static class NSimilarityCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var json = CliOptions.Json();
        var first = CliOptions.Words("--first", "The first set of words (gensim's ws1): --first sushi shop.");
        var second = CliOptions.Words("--second", "The second set of words (gensim's ws2): --second japanese restaurant.");
        first.Required = true;
        second.Required = true;
        var command = new Command("n-similarity", "Print the cosine similarity of the mean vectors of two sets of words.") { vectors, first, second, json };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            string[] one = result.GetValue(first)!, two = result.GetValue(second)!;
            using SgnsModel model = CliOptions.LoadModel(result.GetValue(vectors)!);
            float similarity = model.NSimilarity(one, two);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new NSimilarityJson(one, two, similarity), CliJsonContext.Default.NSimilarityJson));
            }
            else
            {
                Console.WriteLine(similarity.ToString("F4", CultureInfo.InvariantCulture));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}

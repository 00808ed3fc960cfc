using System.CommandLine;
using System.Text.Json;
using FastSgns.Cli.Json;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns analogy A B C</c>: a is to b as c is to ?, by 3CosAdd or 3CosMul, the three words excluded — gensim's
/// <c>most_similar(positive=[B, C], negative=[A])</c> or <c>most_similar_cosmul</c>. <c>--positive</c> and
/// <c>--negative</c> ask the same with any number of words instead of A B C.
/// </summary>
internal static class AnalogyCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var top = CliOptions.Count(1);
        var method = CliOptions.Method();
        var positive = CliOptions.Words("--positive", "Instead of A B C: the words whose relation is added (B and C in A B C).");
        var negative = CliOptions.Words("--negative", "Instead of A B C: the words whose relation is subtracted (A in A B C).");
        var restrict = CliOptions.QueryRestrict();
        var json = CliOptions.Json();
        var abc = new Argument<string[]>("A B C")
        {
            Description = "A is to B as C is to ? (e.g. man king woman → queen); leave out when giving --positive/--negative.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("analogy", "Answer A is to B as C is to ? (man king woman → queen).")
        {
            vectors, top, method, positive, negative, restrict, json, abc,
        };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            string[] words = result.GetValue(abc) ?? [];
            string[] positives = result.GetValue(positive) ?? [], negatives = result.GetValue(negative) ?? [];
            if (words.Length != 0 && words.Length != 3)
            {
                throw new ArgumentException($"analogy: expected three words A B C, got {words.Length} ({string.Join(' ', words)}).");
            }

            if (words.Length == 3 && positives.Length + negatives.Length > 0)
            {
                throw new ArgumentException("analogy: give either A B C or --positive/--negative words, not both.");
            }

            var query = NeighborQuery.Create("analogy", words.Length == 3 ? [words[1], words[2]] : positives, words.Length == 3 ? [words[0]] : negatives,
                result.GetValue(top), result.GetValue(restrict), CliOptions.ParseMethod(result.GetValue(method)));
            using SgnsModel model = CliOptions.LoadModel(result.GetValue(vectors)!);
            var answers = query.Run(model);
            if (result.GetValue(json))
            {
                var (a, b, c) = words.Length == 3 ? (words[0], words[1], words[2]) : ((string?)null, (string?)null, (string?)null);
                var answer = new AnalogyJson(a, b, c, query.Positive, query.Negative, CliOptions.Name(query.Method), query.Restrict, NeighborQuery.Json(answers));
                Console.WriteLine(JsonSerializer.Serialize(answer, CliJsonContext.Default.AnalogyJson));
            }
            else
            {
                WordScoreTable.Write(answers);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}

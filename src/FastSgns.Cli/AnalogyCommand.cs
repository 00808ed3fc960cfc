using System.CommandLine;
using System.Text.Json;
using FastSgns.Cli.Json;
using FastSgns.Queries;

namespace FastSgns.Cli;

/// <summary><c>fastsgns analogy A B C</c>: a is to b as c is to ?, by 3CosAdd or 3CosMul, the three words excluded.</summary>
internal static class AnalogyCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var top = CliOptions.Count(1);
        var method = CliOptions.Method();
        var json = CliOptions.Json();
        var a = new Argument<string>("a") { Description = "A, as in A is to B (e.g. man)." };
        var b = new Argument<string>("b") { Description = "B, as in A is to B (e.g. king)." };
        var c = new Argument<string>("c") { Description = "C, as in C is to ? (e.g. woman)." };
        var command = new Command("analogy", "Answer A is to B as C is to ? (man king woman → queen).") { vectors, top, method, json, a, b, c };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            int k = CliOptions.Positive(result.GetValue(top), "-k");
            AnalogyMethod objective = CliOptions.ParseMethod(result.GetValue(method));
            SgnsModel model = SgnsModel.Load(result.GetValue(vectors)!);
            string wa = result.GetValue(a)!, wb = result.GetValue(b)!, wc = result.GetValue(c)!;
            var answers = model.Analogy(wa, wb, wc, k, objective);
            if (result.GetValue(json))
            {
                var answer = new AnalogyJson(wa, wb, wc, CliOptions.Name(objective), [.. answers.Select(n => new WordScoreJson(n.Word, n.Similarity))]);
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

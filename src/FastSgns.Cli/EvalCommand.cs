using System.CommandLine;

namespace FastSgns.Cli;

/// <summary><c>fastsgns eval</c>: analogy accuracy and word-similarity correlation of a vector file.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var analogies = new Option<string?>("--analogies") { Description = "Analogy questions in questions-words format (\": section\" headers, four words a line)." };
        var similarity = new Option<string[]>("--similarity")
        {
            Description = "Word-similarity file (\"w1 w2 score\", tab or space separated, '#' comments); repeat for several.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var restrict = CliOptions.Restrict();
        var method = CliOptions.Method();
        var json = CliOptions.Json();
        var command = new Command("eval", "Evaluate vectors on analogy and word-similarity files.") { vectors, analogies, similarity, restrict, method, json };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            string? analogyFile = result.GetValue(analogies);
            string[] similarityFiles = result.GetValue(similarity) ?? [];
            if (analogyFile is null && similarityFiles.Length == 0)
            {
                throw new ArgumentException("nothing to evaluate: give --analogies FILE and/or --similarity FILE.");
            }

            // Read before the vectors, which may take long to load: a bad evaluation file fails at once.
            var files = EvaluationFiles.Read(analogyFile, similarityFiles, result.GetValue(restrict), "--restrict", CliOptions.ParseMethod(result.GetValue(method)));
            string path = result.GetValue(vectors)!;
            using Embeddings.WordEmbeddings loaded = Writers.Word2VecReader.Load(path, warn: Console.Error.WriteLine);
            var report = EvaluationReport.Run(loaded, path, files);
            EvaluationReport.Print(report, result.GetValue(json), Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }
}

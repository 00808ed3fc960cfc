using System.CommandLine;
using FastSgns.IO;
using FastSgns.Writers;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns export</c>: converts a vector file — word2vec text ↔ binary, or TensorBoard's Embedding Projector
/// files — whole, its first N words, or only the words listed in a file. Outputs are checked against the inputs
/// before anything is read (none may be an input or another output) and written atomically.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var format = new Option<string>("--format")
        {
            Description = "text (word2vec text, six decimals as word2vec.c), binary (word2vec binary) or projector (vectors.tsv + metadata.tsv).",
            Required = true,
        }.AcceptOnlyFromAmong("text", "binary", "projector");
        var output = new Option<string>("--output", "-o") { Description = "The file to write (text, binary), or the directory (projector; created if missing).", Required = true };
        var limit = new Option<int>("--limit") { Description = "Export only the first N words, the most frequent (0 = all); with --words, the first N listed ones.", DefaultValueFactory = _ => 0 };
        var words = new Option<string?>("--words")
        {
            Description = "Export only the words listed in this file, one a line (a --save-vocab file works), in the model's order; " +
                          "words the model lacks are skipped and reported on stderr.",
        };
        var command = new Command("export", "Convert vectors: word2vec text ↔ binary, or TensorBoard Embedding Projector files; all, the first N, or listed words.")
        {
            vectors, format, output, limit, words,
        };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            int max = CliOptions.NotNegative(result.GetValue(limit), "--limit");
            string kind = result.GetValue(format)!, destination = result.GetValue(output)!, source = result.GetValue(vectors)!;
            string? wordsFile = result.GetValue(words);
            if (kind == "projector")
            {
                CheckDirectoryOutputs(source, wordsFile, destination);
            }
            else
            {
                CheckFileOutput(source, wordsFile, destination);
            }

            var listed = wordsFile is null ? null : ExportSelection.ReadWords(wordsFile);
            using var loaded = Word2VecReader.Load(source, warn: Console.Error.WriteLine);
            var rows = ExportSelection.Rows(loaded, listed, wordsFile ?? "", max, Console.Error.WriteLine);
            if (kind == "projector")
            {
                ProjectorWriter.Save(loaded, destination, rows);
                Console.Error.WriteLine($"wrote {rows.Count:N0} vectors to {Path.Combine(destination, ProjectorWriter.VectorsFile)} " +
                                        $"and {Path.Combine(destination, ProjectorWriter.MetadataFile)}");
            }
            else
            {
                Word2VecWriter.Save(loaded, destination, kind == "binary", rows);
                Console.Error.WriteLine($"wrote {rows.Count:N0} vectors of {loaded.Dim} dims to {destination} ({kind})");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Before loading: the file to write is a usable output and neither the vector file nor the word list.</summary>
    private static void CheckFileOutput(string vectors, string? words, string output)
    {
        var files = new RunFiles();
        files.AddInput("--vectors", vectors);
        files.AddInput("--words", words);
        files.AddOutput("--output", output);
        files.Check();
    }

    /// <summary>Before loading: the two files to write must not be the vector file or the word list, and must be usable outputs.</summary>
    private static void CheckDirectoryOutputs(string vectors, string? words, string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("--output: the path is empty; give a directory.");
        }

        if (File.Exists(directory))
        {
            throw new IOException($"{directory}: is a file; --output needs a directory for --format projector (created if missing).");
        }

        if (!Directory.Exists(directory))
        {
            return; // created by the writer: nothing in it yet can clash
        }

        var files = new RunFiles();
        files.AddInput("--vectors", vectors);
        files.AddInput("--words", words);
        files.AddOutput("--output", Path.Combine(directory, ProjectorWriter.VectorsFile));
        files.AddOutput("--output", Path.Combine(directory, ProjectorWriter.MetadataFile));
        files.Check();
    }
}

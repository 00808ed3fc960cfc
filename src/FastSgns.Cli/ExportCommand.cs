using System.CommandLine;
using FastSgns.IO;
using FastSgns.Writers;

namespace FastSgns.Cli;

/// <summary><c>fastsgns export</c>: converts a vector file for other tools; today TensorBoard's Embedding Projector.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var vectors = CliOptions.Vectors();
        var format = new Option<string>("--format") { Description = "Export format: projector (vectors.tsv + metadata.tsv).", Required = true }
            .AcceptOnlyFromAmong("projector");
        var output = new Option<string>("--output", "-o") { Description = "Directory to write into (created if missing).", Required = true };
        var limit = new Option<int>("--limit") { Description = "Export only the N most frequent words (0 = all).", DefaultValueFactory = _ => 0 };
        var command = new Command("export", "Export vectors for other tools (TensorBoard Embedding Projector).") { vectors, format, output, limit };
        command.SetAction(result => CommandRunner.Run(_ =>
        {
            int max = result.GetValue(limit);
            if (max < 0)
            {
                throw new ArgumentException($"--limit must be 0 (all words) or a positive number of words, got {max}.");
            }

            string directory = result.GetValue(output)!;
            CheckOutputs(result.GetValue(vectors)!, directory);
            using var loaded = Word2VecReader.Load(result.GetValue(vectors)!, warn: Console.Error.WriteLine);
            ProjectorWriter.Save(loaded, directory, max == 0 ? int.MaxValue : max);
            Console.Error.WriteLine($"wrote {Math.Min(loaded.Count, max == 0 ? int.MaxValue : max):N0} vectors to {Path.Combine(directory, ProjectorWriter.VectorsFile)} " +
                $"and {Path.Combine(directory, ProjectorWriter.MetadataFile)}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Before loading: the two files to write must not be the vector file read, and must be usable outputs.</summary>
    private static void CheckOutputs(string vectors, string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("--output: the path is empty; give a directory.");
        }

        if (File.Exists(directory))
        {
            throw new IOException($"{directory}: is a file; --output needs a directory (created if missing).");
        }

        if (!Directory.Exists(directory))
        {
            return; // created by the writer: nothing in it yet can clash
        }

        var files = new RunFiles();
        files.AddInput("--vectors", vectors);
        files.AddOutput("--output", Path.Combine(directory, ProjectorWriter.VectorsFile));
        files.AddOutput("--output", Path.Combine(directory, ProjectorWriter.MetadataFile));
        files.Check();
    }
}

using System.CommandLine;
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
            ArgumentOutOfRangeException.ThrowIfNegative(max, "--limit");
            using var loaded = Word2VecReader.Load(result.GetValue(vectors)!);
            string directory = result.GetValue(output)!;
            ProjectorWriter.Save(loaded, directory, max == 0 ? int.MaxValue : max);
            Console.Error.WriteLine($"wrote {Math.Min(loaded.Count, max == 0 ? int.MaxValue : max):N0} vectors to {Path.Combine(directory, ProjectorWriter.VectorsFile)} " +
                $"and {Path.Combine(directory, ProjectorWriter.MetadataFile)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;
using FastSgns.IO;
using FastSgns.Synthetic;

namespace FastSgns.Cli;

/// <summary><c>fastsgns generate</c>: a large Zipfian corpus streamed to a file, for scale tests and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var tokens = new Option<long>("--tokens") { Description = "Tokens to write.", Required = true };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size (word types) of the Zipf law.", DefaultValueFactory = _ => 1_500_000 };
        var output = new Option<string>("--output", "-o") { Description = "Text file to write (atomically: complete or absent).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives the same file on any thread count.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Worker threads generating blocks of text.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("generate", "Write a synthetic Zipfian corpus with sentence structure (one sentence per line).")
        {
            tokens, vocab, output, seed, threads,
        };
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            long count = result.GetValue(tokens);
            int types = result.GetValue(vocab);
            if (count < 1 || types < 2)
            {
                throw new ArgumentException("--tokens must be at least 1 and --vocab at least 2.");
            }

            int workers = CliOptions.Positive(result.GetValue(threads), "--threads");

            string path = result.GetValue(output)!;
            new RunFiles().AddOutput("--output", path); // refuses a directory, FIFO, device or missing directory before any work
            var stopwatch = Stopwatch.StartNew();
            long bytes = 0;
            AtomicFile.Write(path, stream => bytes = ZipfCorpusGenerator.Write(stream, count, types, result.GetValue(seed), workers, cancellation));
            double seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
            Console.Error.WriteLine($"generated {count:N0} tokens over {types:N0} types on {workers} threads: {bytes / 1e6:F1} MB in {seconds:F2} s ({bytes / 1e6 / seconds:F0} MB/s) to {path}");
            return ExitCodes.Success;
        }));
        return command;
    }
}

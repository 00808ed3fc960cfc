using System.CommandLine;
using System.Diagnostics;
using FastSgns.Evaluation;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns demo</c>: the embedded default job. Generates a corpus with planted analogies in memory, trains on
/// it, and shows that the vectors learned them (accuracy against chance) with a few nearest neighbours.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var sentences = new Option<int>("--sentences") { Description = "Synthetic sentences to generate.", DefaultValueFactory = _ => 60_000 };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var kernel = new Option<string>("--kernel") { Description = "Kernel to use (auto picks the fastest).", DefaultValueFactory = _ => "auto" };
        var command = new Command("demo", "Train on a generated corpus with planted analogies and report what was learned (no corpus needed).")
        {
            sentences, threads, kernel,
        };
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            var stopwatch = Stopwatch.StartNew();
            SyntheticCorpus corpus = SyntheticCorpus.Generate(result.GetValue(sentences));
            Console.WriteLine($"generated {corpus.Tokens:N0} tokens with {corpus.Analogies.Count:N0} planted analogies in {stopwatch.Elapsed.TotalSeconds:F2} s");
            var options = DemoOptions(result.GetValue(threads), result.GetValue(kernel)!);
            var settings = new TrainingRunSettings
            {
                Log = message => Console.WriteLine(message),
                Progress = new ProgressPrinter(),
            };
            using SgnsModel model = SgnsModel.TrainText(corpus.Text, options, settings, cancellation);
            AnalogyResult analogies = model.EvaluateAnalogies(corpus.Analogies, restrict: 0);
            Console.WriteLine();
            Console.WriteLine($"planted analogies: {analogies.Accuracy:P1} correct of {analogies.Answered:N0} (chance {1.0 / model.Count:P2})");
            foreach (AnalogySection section in analogies.Sections)
            {
                Console.WriteLine($"  {section.Name,-12} {section.Accuracy,7:P1}  ({section.Correct}/{section.Answered})");
            }

            Console.WriteLine();
            foreach (string word in new[] { "country03", "things07", "queen11" })
            {
                var neighbours = model.MostSimilar(word, 5).Select(n => $"{n.Word} {n.Similarity:F2}");
                Console.WriteLine($"nearest to {word,-10}: {string.Join(", ", neighbours)}");
            }

            var answer = model.Analogy("country01", "capital01", "country02", 1)[0];
            Console.WriteLine($"country01 : capital01 :: country02 : {answer.Word} ({answer.Similarity:F2})");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The settings the demo and the synthetic learning tests share.</summary>
    public static TrainingOptions DemoOptions(int threads, string kernel) => new()
    {
        Dim = 50,
        Window = 5,
        Negative = 5,
        Sample = 1e-3,
        MinCount = 5,
        Epochs = 5,
        Alpha = 0.025f,
        Threads = threads,
        Kernel = kernel,
    };
}

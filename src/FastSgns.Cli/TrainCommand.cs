using System.CommandLine;
using System.Diagnostics;
using FastSgns.Checkpoints;
using FastSgns.Cli.Json;
using FastSgns.Cli.Plotting;
using FastSgns.Distributed;
using FastSgns.Kernels;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary><c>fastsgns train</c>: word2vec-style training from text files to a word2vec vector file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "UTF-8 text file to train on (.gz is decompressed as it is read; a directory means all its files, by name); repeat for several, read in order as one corpus.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--output", "-o") { Description = "Vector file to write (word2vec format): a new or regular file, or a symbolic link to one (written through); /dev/null discards.", Required = true };
        var binary = new Option<bool>("--binary") { Description = "Write word2vec's binary format instead of text." };
        var dim = Int("--dim", "Vector dimensions.", defaults.Dim);
        var window = Int("--window", "Maximum distance between center and context word (shrunk at random per word).", defaults.Window);
        var negative = Int("--negative", "Negative samples per pair (M); 0 with --hs for hierarchical softmax alone.", defaults.Negative);
        var trainingModel = new Option<string>("--model") { Description = "skipgram (the default) | cbow (the context words' mean or sum predicts the center word, word2vec.c -cbow 1; with negatives as gensim's CBOW loop: input vectors start in [-1, 1)/dim, saturated output rows and negatives equal to the center word are skipped).", DefaultValueFactory = _ => "skipgram" };
        trainingModel.AcceptOnlyFromAmong("skipgram", "cbow");
        var cbowMean = new Option<string>("--cbow-mean") { Description = "CBOW's hidden vector: mean (word2vec.c) | sum of the context vectors.", DefaultValueFactory = _ => "mean" };
        cbowMean.AcceptOnlyFromAmong("mean", "sum");
        var hs = new Option<bool>("--hs") { Description = "Hierarchical softmax over a Huffman tree of the vocabulary (word2vec.c -hs 1), with --negative negatives as well, or alone with --negative 0." };
        var nsExponent = new Option<double>("--ns-exponent")
        {
            Description = "Negatives are drawn from unigram counts raised to this power (gensim's ns_exponent; 1 = by frequency, 0 = uniform, < 0 favours rare words).",
            DefaultValueFactory = _ => defaults.NsExponent,
        };
        var sample = new Option<double>("--sample") { Description = "Subsampling threshold for frequent words (0 = off; 1e-4 suits large corpora).", DefaultValueFactory = _ => defaults.Sample };
        var minCount = new Option<long>("--min-count") { Description = "Discard words seen fewer times.", DefaultValueFactory = _ => defaults.MinCount };
        var maxVocab = Int("--max-vocab", "Keep only the most frequent N words (0 = no limit).", defaults.MaxVocab);
        var epochs = Int("--epochs", "Passes over the corpus.", defaults.Epochs);
        var alpha = new Option<float?>("--alpha") { Description = $"Starting learning rate, decayed linearly to alpha·1e-4, for cbow with negatives to alpha/10 (default {defaults.Alpha} for skipgram, {(defaults with { Model = TrainingModel.Cbow, Epochs = 1 }).Alpha} at 1 epoch to {(defaults with { Model = TrainingModel.Cbow, Epochs = 5 }).Alpha} at 5 or more for cbow with negatives, {(defaults with { Model = TrainingModel.Cbow, HierarchicalSoftmax = true, Negative = 0 }).Alpha} for cbow with --hs alone)." };
        var threads = Int("--threads", "Worker threads (lock-free; results vary between runs when > 1).", defaults.Threads);
        var seed = new Option<ulong>("--seed") { Description = "Random seed; with --threads 1 the output is bit-identical run after run.", DefaultValueFactory = _ => defaults.Seed };
        var kernel = new Option<string>("--kernel") { Description = $"Kernel: {string.Join("|", KernelRegistry.Names)} (or set {KernelRegistry.EnvironmentVariable}).", DefaultValueFactory = _ => "auto" };
        var mode = new Option<string>("--mode") { Description = "pairs (word2vec.c) | batched (shared negatives per window, as pWord2Vec; skip-gram with negatives, or with --hs --negative 0).", DefaultValueFactory = _ => "pairs" };
        mode.AcceptOnlyFromAmong("pairs", "batched");
        var sharedNegatives = Int("--shared-negatives", "Batched mode: consecutive center words sharing one draw of negatives.", defaults.SharedNegatives);
        var saveVocab = new Option<string?>("--save-vocab") { Description = "Also save the vocabulary as \"word count\" lines." };
        var readVocab = new Option<string?>("--read-vocab") { Description = "Take word counts from this vocabulary file instead of counting the corpus." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print no progress." };
        var evalAnalogies = new Option<string?>("--eval-analogies") { Description = "After training, report accuracy on this questions-words analogy file." };
        var evalSimilarity = new Option<string[]>("--eval-similarity")
        {
            Description = "After training, report Spearman ρ on this word-similarity file; repeat for several.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var evalRestrict = new Option<int>("--eval-restrict")
        {
            Description = "Answer evaluation analogies among the N most frequent words only (0 = all).",
            DefaultValueFactory = _ => Evaluation.AnalogyEvaluator.DefaultRestrict,
        };
        var plot = new Option<string?>("--plot") { Description = "Save training curves (loss, words/s, learning rate over time): FILE.svg draws the chart, FILE.html a report with the chart and the run's numbers." };

        var command = new Command("train", "Train word2vec vectors (skip-gram or CBOW; negative sampling, hierarchical softmax or both) on text files.")
        {
            input, output, binary, dim, window, negative, nsExponent, trainingModel, cbowMean, hs, sample, minCount, maxVocab, epochs, alpha, threads, seed, kernel, mode, sharedNegatives, saveVocab, readVocab, quiet,
            evalAnalogies, evalSimilarity, evalRestrict, plot,
        };
        var scale = new ScaleOptions();
        scale.AddTo(command);
        var modelFiles = new ModelFileOptions();
        modelFiles.AddTo(command);
        var distributed = new DistributedOptions();
        distributed.AddTo(command);
        command.SetAction(result => distributed.Finish(CommandRunner.Run(cancellation =>
        {
            // Before anything is read or written: a process mpirun started must have been asked to share the work.
            distributed.CheckLaunch(result);
            var options = new TrainingOptions
            {
                Dim = result.GetValue(dim),
                Window = result.GetValue(window),
                Negative = result.GetValue(negative),
                Model = result.GetValue(trainingModel) == "cbow" ? TrainingModel.Cbow : TrainingModel.SkipGram,
                CbowMean = result.GetValue(cbowMean) != "sum",
                HierarchicalSoftmax = result.GetValue(hs),
                Sample = result.GetValue(sample),
                MinCount = result.GetValue(minCount),
                MaxVocab = result.GetValue(maxVocab),
                Epochs = result.GetValue(epochs),
                Threads = result.GetValue(threads),
                Seed = result.GetValue(seed),
                Kernel = result.GetValue(kernel)!,
                Mode = Enum.Parse<TrainingMode>(result.GetValue(mode)!, ignoreCase: true),
                SharedNegatives = result.GetValue(sharedNegatives),
                NsExponent = result.GetValue(nsExponent),
                StopAfterEpochs = modelFiles.StopAfterEpochs(result),
            };
            if (result.GetValue(alpha) is float startingAlpha)
            {
                options = options with { Alpha = startingAlpha };
            }

            if (modelFiles.InitModel(result) is { } initModel)
            {
                // The model's options are read (and the file's front checked) now, before any corpus is read.
                var given = new Dictionary<string, Option>
                {
                    [nameof(options.Dim)] = dim, [nameof(options.Window)] = window, [nameof(options.Negative)] = negative,
                    [nameof(options.NsExponent)] = nsExponent, [nameof(options.Sample)] = sample, [nameof(options.MinCount)] = minCount,
                    [nameof(options.MaxVocab)] = maxVocab, [nameof(options.Epochs)] = epochs, [nameof(options.Alpha)] = alpha,
                    [nameof(options.Seed)] = seed, [nameof(options.Mode)] = mode, [nameof(options.SharedNegatives)] = sharedNegatives,
                    [nameof(options.Model)] = trainingModel, [nameof(options.CbowMean)] = cbowMean, [nameof(options.HierarchicalSoftmax)] = hs,
                };
                options = ModelFileOptions.Merge(options, SgnsModel.ReadModelOptions(initModel), name => result.GetResult(given[name]) is { Implicit: false });
            }

            options.Validate();
            int classes = modelFiles.Classes(result, result.GetValue(binary));
            KernelRegistry.Resolve(options.Kernel); // an unknown or unsupported kernel fails now, not after counting
            long maxVocabMemory = scale.MaxVocabMemory(result);
            DistributedSession? cluster = distributed.Start(result, cancellation, maxVocabMemory, result.GetValue(readVocab), scale.CheckpointPath(result), scale.Checkpoints(result, "-"),
                modelFiles.SaveModel(result) is not null ? "--save-model" : modelFiles.InitModel(result) is not null ? "--init-model" : null);
            cancellation = cluster?.Cancellation ?? cancellation;

            bool isQuiet = result.GetValue(quiet) || cluster is { IsWriter: false };
            Action<string>? log = isQuiet ? null : message => Console.Error.WriteLine(message);
            log = cluster?.Announce(log) ?? log;

            // Everything that can be checked is checked before any work: evaluation files are read now, and the
            // outputs are resolved and checked against the inputs and each other (TrainOutputs).
            var evaluation = DistributedSession.Setup(cluster, () => EvaluationFiles.Read(result.GetValue(evalAnalogies), result.GetValue(evalSimilarity) ?? [], result.GetValue(evalRestrict), "--eval-restrict",
                Queries.AnalogyMethod.Add));
            var paths = new TrainPaths(result.GetValue(input)!, result.GetValue(output)!, scale.CheckpointPath(result), result.GetValue(saveVocab),
                result.GetValue(readVocab), result.GetValue(plot))
            {
                SaveModel = modelFiles.SaveModel(result),
                InitModel = modelFiles.InitModel(result),
            };
            TrainOutputs outputs = DistributedSession.Setup(cluster, () => TrainOutputs.Check(paths, evaluation, log));
            PlotFormat? plotFormat = paths.Plot is null ? null : TrainingPlot.FormatOf(paths.Plot, "--plot");
            string outputPath = outputs.Output.FullPath;

            IProgress<TrainingProgress>? printer = isQuiet ? null : new ProgressPrinter();
            ProgressRecorder? recorder = paths.Plot is null ? null : new ProgressRecorder(printer);
            CheckpointPlan? checkpoints = scale.Checkpoints(result, outputs.Checkpoint?.FullPath);
            var settings = new TrainingRunSettings
            {
                MaxVocabularyMemory = maxVocabMemory,
                CheckpointPath = checkpoints?.Path,
                CheckpointEvery = checkpoints?.EveryFraction ?? 0,
                Resume = checkpoints?.Resume ?? false,
                WorkDirectory = outputs.WorkDirectory,
                ReadVocabularyPath = paths.ReadVocabulary,
                SaveVocabularyPath = paths.SaveVocabulary,
                Log = log,
                Progress = (IProgress<TrainingProgress>?)recorder ?? printer,
                InitialModelPath = paths.InitModel,
                KeepTrainingState = paths.SaveModel is not null,
            };
            using SgnsModel model = cluster?.Train(paths.Inputs, options, settings) ?? SgnsModel.Train(paths.Inputs, options, settings, cancellation);
            if (cluster is { IsWriter: false })
            {
                return ExitCodes.Success; // rank 0 writes the outputs
            }

            var stopwatch = Stopwatch.StartNew();
            if (classes > 0)
            {
                model.SaveClasses(outputPath, classes, options.Threads);
                log?.Invoke($"classes: {model.Count:N0} words in {classes:N0} classes (k-means, {Clustering.WordClasses.DefaultIterations} iterations) in {stopwatch.Elapsed.TotalSeconds:F2} s");
                stopwatch.Restart();
            }
            else
            {
                model.Save(outputPath, result.GetValue(binary));
            }

            model.DeleteCheckpoint();
            double mb = outputs.Output.Discards ? 0 : new FileInfo(outputPath).Length / 1e6;
            log?.Invoke($"saved: {model.Count:N0} {(classes > 0 ? "classes" : $"vectors of {model.Dim} dims")} to {outputPath}{(result.GetValue(binary) ? " (binary)" : "")}, " +
                        $"{mb:F1} MB in {stopwatch.Elapsed.TotalSeconds:F2} s ({mb / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9):F0} MB/s)");

            if (outputs.SaveModel is { } saveModel)
            {
                stopwatch.Restart();
                model.SaveModel(saveModel.FullPath);
                log?.Invoke($"model: saved to {saveModel.FullPath} ({new FileInfo(saveModel.FullPath).Length / 1e6:F1} MB in {stopwatch.Elapsed.TotalSeconds:F2} s)");
            }

            EvaluationJson? scores = evaluation.IsEmpty ? null : EvaluationReport.Run(model.Embeddings, outputPath, evaluation);
            if (scores is not null)
            {
                EvaluationReport.Print(scores, json: false, Console.Out);
            }

            if (recorder is not null)
            {
                var run = new TrainingRunSummary(paths.Inputs, outputPath, model.Count, model.Dim, TrainingRunSummary.SettingsOf(options), scores) { StartingRate = options.Alpha };
                TrainingPlot.Save(recorder.Snapshots, paths.Plot!, plotFormat!.Value, run);
                log?.Invoke($"plot: {recorder.Snapshots.Count} progress points to {paths.Plot}");
            }

            return ExitCodes.Success;
        })));
        return command;
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}

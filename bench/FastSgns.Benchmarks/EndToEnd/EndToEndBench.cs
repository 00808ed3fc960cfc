using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FastSgns.Evaluation;
using FastSgns.IO;
using FastSgns.Kernels;
using FastSgns.Writers;

namespace FastSgns.Benchmarks.EndToEnd;

/// <summary>
/// Trains on one corpus with every FastSgns kernel and, where installed, with gensim and fastText, each in its own
/// process with the same settings; prints words/s, peak RSS and analogy / WordSim-353 scores as a markdown table.
/// </summary>
public static partial class EndToEndBench
{
    public static int Run(string[] args)
    {
        EndToEndOptions options = EndToEndOptions.Parse(args);
        string root = RepositoryRoot();
        string shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
        string corpusSource = options.Corpus ?? Path.Combine(shared, "corpus", "wiki40m.txt.gz");
        using var work = new WorkDirectory();
        string corpus = PrepareCorpus(corpusSource, options.Lines, work.Path);
        string questions = Path.Combine(shared, "eval", "questions-words.txt");
        string wordsim = Path.Combine(shared, "eval", "wordsim353.tsv");
        string cli = Path.Combine(root, "src", "FastSgns.Cli", "bin", "Release", "net10.0", "fastsgns.dll");

        string[] kernels = options.Kernels.Length > 0 ? options.Kernels : [.. KernelRegistry.Supported.Select(k => k.Name)];
        var runs = new List<BenchRun>();
        foreach (string mode in options.Modes)
        {
            foreach (string kernel in kernels)
            {
                runs.Add(RunFastSgns(cli, corpus, kernel, mode, options, work.Path, questions, wordsim));
                Console.Error.WriteLine(Row(runs[^1]));
            }
        }

        if (options.Peers)
        {
            foreach (BenchRun run in PeerRuns.All(corpus, options, work.Path, root, questions, wordsim))
            {
                runs.Add(run);
                Console.Error.WriteLine(Row(run));
            }
        }

        string report = Report(runs, options, corpusSource);
        Console.WriteLine(report);
        if (options.Output is not null)
        {
            AtomicFile.Write(options.Output, s => s.Write(Encoding.UTF8.GetBytes(report)));
            BenchChart.Save(runs, Path.ChangeExtension(options.Output, ".png"),
                $"SGNS training throughput, {options.Threads} threads, {options.Epochs} epoch(s), dim {options.Dim}");
        }

        return 0;
    }

    private static BenchRun RunFastSgns(string cli, string corpus, string kernel, string mode, EndToEndOptions o, string work,
        string questions, string wordsim)
    {
        string output = Path.Combine(work, $"fastsgns-{kernel}-{mode}.bin");
        List<string> args =
        [
            cli, "train", "--input", corpus, "--output", output, "--binary", "--kernel", kernel,
            "--threads", Invariant(o.Threads), "--epochs", Invariant(o.Epochs), "--dim", Invariant(o.Dim),
            "--window", Invariant(o.Window), "--negative", Invariant(o.Negative), "--sample", Invariant(o.Sample),
            "--min-count", Invariant(o.MinCount), "--alpha", Invariant(o.Alpha),
        ];
        if (mode != "pairs")
        {
            args.AddRange(["--mode", mode]);
        }

        ChildProcess.Result result = ChildProcess.Run("dotnet", args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"fastsgns failed ({result.ExitCode}):\n{result.Output}");
        }

        Match train = TrainLine().Match(result.Output);
        Match count = CountLine().Match(result.Output);
        double seconds = double.Parse(train.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        long tokens = long.Parse(count.Groups["tokens"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        string label = mode == "pairs" ? $"FastSgns {kernel}" : $"FastSgns {kernel} ({mode})";
        return Evaluate(label, output, seconds, result.Seconds, tokens, o.Epochs, result.PeakRssBytes, questions, wordsim);
    }

    /// <summary>Scores a vector file with the protocol of shared/eval/SOURCES.md.</summary>
    internal static BenchRun Evaluate(string trainer, string vectorsPath, double trainSeconds, double wholeSeconds, long corpusWords,
        int epochs, long peakRss, string questions, string wordsim)
    {
        using var vectors = Word2VecReader.Load(vectorsPath);
        AnalogyResult analogy = AnalogyEvaluator.Evaluate(vectors, AnalogyQuestion.ReadFile(questions), restrict: AnalogyEvaluator.DefaultRestrict);
        SimilarityEvaluator.Result similarity = SimilarityEvaluator.Evaluate(vectors, SimilarityEvaluator.ReadFile(wordsim));
        return new BenchRun(trainer, trainSeconds, wholeSeconds, corpusWords, epochs, peakRss, analogy.Accuracy, analogy.Coverage, similarity.Spearman);
    }

    private static string PrepareCorpus(string source, int lines, string work)
    {
        if (!source.EndsWith(".gz", StringComparison.Ordinal) && lines == 0)
        {
            return source;
        }

        string target = Path.Combine(work, "corpus.txt");
        using Stream input = source.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(File.OpenRead(source), CompressionMode.Decompress)
            : File.OpenRead(source);
        using var reader = new StreamReader(input, Encoding.UTF8);
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        for (int i = 0; (lines == 0 || i < lines) && reader.ReadLine() is { } line; i++)
        {
            writer.WriteLine(line);
        }

        return target;
    }

    private static string Report(List<BenchRun> runs, EndToEndOptions o, string corpus)
    {
        var text = new StringBuilder();
        text.AppendLine($"# End-to-end benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine($"- machine: {CpuModel()}, {Environment.ProcessorCount} cores; runtime .NET {Environment.Version}");
        text.AppendLine($"- corpus: {Path.GetFileName(corpus)}{(o.Lines > 0 ? $", first {o.Lines:N0} lines" : "")}, {runs.FirstOrDefault()?.CorpusWords ?? 0:N0} words");
        text.AppendLine($"- settings: skip-gram, dim {o.Dim}, window {o.Window}, negative {o.Negative}, sample {o.Sample:G3}, min-count {o.MinCount}, alpha {o.Alpha}, {o.Epochs} epoch(s), {o.Threads} threads");
        text.AppendLine("- words/s = corpus words × epochs / training seconds; analogy = questions-words, 3CosAdd, top 30,000 words");
        text.AppendLine("- command: `./build.sh bench e2e " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2)) + "`");
        text.AppendLine();
        text.AppendLine("| trainer | training words/s | vs slowest peer | train s | whole run s | peak RSS | analogy | coverage | WordSim-353 ρ |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        double baseline = runs.Where(r => !r.Trainer.StartsWith("FastSgns", StringComparison.Ordinal)).Select(r => r.WordsPerSecond).DefaultIfEmpty(0).Min();
        foreach (BenchRun r in runs)
        {
            string ratio = baseline > 0 ? $"{r.WordsPerSecond / baseline:F2}×" : "—";
            text.AppendLine($"| {r.Trainer} | {r.WordsPerSecond / 1000:N0} k | {ratio} | {r.TrainSeconds:F1} | {r.WholeSeconds:F1} | {r.PeakRssBytes / 1e6:N0} MB | {r.Analogy:P1} | {r.AnalogyCoverage:P1} | {r.WordSim:F3} |");
        }

        return text.ToString();
    }

    private static string Row(BenchRun r) =>
        $"{r.Trainer}: {r.WordsPerSecond / 1000:N0}k words/s, train {r.TrainSeconds:F1} s, peak {r.PeakRssBytes / 1e6:N0} MB, analogy {r.Analogy:P1}, wordsim {r.WordSim:F3}";

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastSgns.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find FastSgns.sln above the benchmark's binaries.");
    }

    internal static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"train: [\d,]+ words in (?<seconds>[\d.]+) s")]
    private static partial Regex TrainLine();

    [GeneratedRegex(@"count: (?<tokens>[\d,]+) tokens")]
    private static partial Regex CountLine();

    private sealed class WorkDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fastsgns-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

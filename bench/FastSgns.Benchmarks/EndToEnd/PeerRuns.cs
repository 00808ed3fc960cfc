using System.Globalization;
using System.Text.RegularExpressions;

namespace FastSgns.Benchmarks.EndToEnd;

/// <summary>gensim and fastText on the same corpus and settings, where they are installed (Debian python3-gensim, fasttext).</summary>
public static partial class PeerRuns
{
    public static IEnumerable<BenchRun> All(string corpus, EndToEndOptions o, string work, string root, string questions, string wordsim)
    {
        if (Installed("/usr/bin/python3", "-c", "import gensim"))
        {
            string output = Path.Combine(work, "gensim.bin");
            ChildProcess.Result result = ChildProcess.Run("/usr/bin/python3",
            [
                Path.Combine(root, "bench", "peers", "gensim_train.py"), corpus, output, Inv(o.Dim), Inv(o.Window), Inv(o.Negative),
                Inv(o.Sample), Inv(o.MinCount), Inv(o.Epochs), Inv(o.Threads), Inv(o.Alpha),
            ]);
            Match m = GensimLine().Match(result.Output);
            if (result.ExitCode == 0 && m.Success)
            {
                yield return EndToEndBench.Evaluate("gensim " + GensimVersion(), output, double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture),
                    result.Seconds, long.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture), o.Epochs, result.PeakRssBytes, questions, wordsim);
            }
            else
            {
                Console.Error.WriteLine($"gensim failed ({result.ExitCode}):\n{result.Output}");
            }
        }
        else
        {
            Console.Error.WriteLine("gensim: not installed (apt-get install python3-gensim); skipped");
        }

        if (Installed("fasttext"))
        {
            string prefix = Path.Combine(work, "fasttext");
            ChildProcess.Result result = ChildProcess.Run("fasttext",
            [
                "skipgram", "-input", corpus, "-output", prefix, "-dim", Inv(o.Dim), "-ws", Inv(o.Window), "-neg", Inv(o.Negative),
                "-t", Inv(o.Sample), "-minCount", Inv(o.MinCount), "-epoch", Inv(o.Epochs), "-thread", Inv(o.Threads),
                "-lr", Inv(o.Alpha), "-minn", "0", "-maxn", "0", "-verbose", "1",
            ]);
            if (result.ExitCode == 0)
            {
                // fastText reports no training time of its own: the whole run (reading included) stands in for it.
                long words = CountWords(corpus);
                yield return EndToEndBench.Evaluate("fastText (whole run)", prefix + ".vec", result.Seconds, result.Seconds, words, o.Epochs,
                    result.PeakRssBytes, questions, wordsim);
            }
            else
            {
                Console.Error.WriteLine($"fasttext failed ({result.ExitCode}):\n{result.Output}");
            }
        }
        else
        {
            Console.Error.WriteLine("fasttext: not installed (apt-get install fasttext); skipped");
        }
    }

    private static bool Installed(string file, params string[] args)
    {
        try
        {
            return ChildProcess.Run(file, args.Length > 0 ? args : ["-h"]).ExitCode is 0 or 1 && (args.Length == 0 || ChildProcess.Run(file, args).ExitCode == 0);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string GensimVersion() =>
        ChildProcess.Run("/usr/bin/python3", ["-c", "import gensim; print(gensim.__version__)"]).Output.Trim();

    private static long CountWords(string corpus)
    {
        long words = 0;
        bool inWord = false;
        using var stream = new FileStream(corpus, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            foreach (byte b in buffer.AsSpan(0, read))
            {
                bool space = b is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f';
                words += !space && !inWord ? 1 : 0;
                inWord = !space;
            }
        }

        return words;
    }

    private static string Inv(IFormattable value) => EndToEndBench.Invariant(value);

    [GeneratedRegex(@"train_seconds (?<s>[\d.]+) corpus_words (?<w>\d+)")]
    private static partial Regex GensimLine();
}

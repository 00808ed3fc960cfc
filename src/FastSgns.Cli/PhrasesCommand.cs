using System.CommandLine;
using FastSgns.Ids;
using FastSgns.IO;
using FastSgns.Phrases;

namespace FastSgns.Cli;

/// <summary>
/// <c>fastsgns phrases</c>: word2phrase (word2vec.c) and gensim's Phrases — joins bigrams that occur together more
/// than chance into one token ("new_york"), writing the corpus again with its lines kept.
/// </summary>
internal static class PhrasesCommand
{
    /// <summary>Core's setting names (in its messages) to this command's flags.</summary>
    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        [nameof(PhraseOptions.MinCount)] = "--min-count",
        [nameof(PhraseOptions.Threshold)] = "--threshold",
        [nameof(PhraseOptions.Passes)] = "--passes",
        [nameof(PhraseOptions.Delimiter)] = "--delimiter",
        [nameof(PhraseOptions.Threads)] = "--threads",
        [nameof(PhraseOptions.MaxVocabularyMemory)] = "--max-vocab-memory",
    };

    public static Command Create()
    {
        var defaults = new PhraseOptions();
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "UTF-8 text file to read (.gz is decompressed as it is read; a directory means all its files, by name; - is standard input); repeat for several, read in order as one corpus.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--output", "-o") { Description = "Text file to write, phrases joined, one line per input line (gzip when it ends in .gz; written atomically); /dev/null discards.", Required = true };
        var minCount = new Option<long>("--min-count") { Description = "Bigrams (and, for the default scorer, their words) seen fewer times never join.", DefaultValueFactory = _ => defaults.MinCount };
        var threshold = new Option<double?>("--threshold") { Description = $"Join a bigram when its score is above this [default: {PhraseOptions.DefaultThreshold} for the default scorer, {PhraseOptions.DefaultNpmiThreshold} for npmi (−1..1)]; higher means fewer phrases." };
        var scorer = new Option<string>("--scorer") { Description = "default: word2phrase's (count(ab) − min-count) / (count(a)·count(b)) · words; npmi: gensim's normalized PMI.", DefaultValueFactory = _ => "default" };
        scorer.AcceptOnlyFromAmong("default", "npmi");
        var passes = new Option<int>("--passes") { Description = "Rounds of joining, each over the previous one's output: 2 finds trigrams.", DefaultValueFactory = _ => defaults.Passes };
        var delimiter = new Option<string>("--delimiter") { Description = "The character that joins a phrase's words.", DefaultValueFactory = _ => "_" };
        var threads = new Option<int>("--threads") { Description = "Threads counting and rewriting (the output is the same on any number).", DefaultValueFactory = _ => defaults.Threads };
        var maxVocabMemory = new Option<string?>("--max-vocab-memory")
        {
            Description = "Bound the word and bigram count tables to about this size (BYTES, or with KB, MB, GB): over it, entries seen at most N times " +
                          "are dropped and N rises, as word2phrase's ReduceVocab; makes rare counts approximate. The word indices kept for " +
                          "rewriting (4 bytes a token; 1GB without a bound) are held to the same size; chunks past it are read again.",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };
        var command = new Command("phrases", "Join frequent bigrams into single tokens (new york → new_york), as word2vec's word2phrase or gensim's Phrases.")
        {
            input, output, minCount, threshold, scorer, passes, delimiter, threads, maxVocabMemory, quiet,
        };
        command.SetAction(result => CommandRunner.Run(cancellation =>
        {
            string delimiterText = result.GetValue(delimiter)!;
            if (delimiterText.Length != 1)
            {
                throw new ArgumentException($"--delimiter must be one printable ASCII character, got \"{delimiterText}\".");
            }

            long memory = 0;
            if (result.GetValue(maxVocabMemory) is { } size)
            {
                memory = ScaleOptions.ParseSize(size, "--max-vocab-memory");
                if (memory < ScaleOptions.MinVocabMemory)
                {
                    throw new ArgumentException($"--max-vocab-memory must be at least 1MB (a smaller bound prunes away nearly every entry while counting), got \"{size}\".");
                }
            }

            var options = new PhraseOptions
            {
                MinCount = result.GetValue(minCount),
                Threshold = result.GetValue(threshold),
                Scorer = result.GetValue(scorer) == "npmi" ? PhraseScorer.Npmi : PhraseScorer.Default,
                Passes = result.GetValue(passes),
                Delimiter = delimiterText[0],
                Threads = result.GetValue(threads),
                MaxVocabularyMemory = memory,
            };
            Validate(options);
            Action<string>? log = result.GetValue(quiet) ? null : message => Console.Error.WriteLine(message);

            // The output is resolved and checked against the inputs before any reading: no output may be an input.
            string[] inputs = result.GetValue(input)!;
            var files = new RunFiles();
            files.AddInputs("--input", inputs);
            OutputTarget target = files.AddOutput("--output", result.GetValue(output)!);
            files.Check();
            string? workDirectory = target.Discards ? null : Path.GetDirectoryName(target.FullPath);
            if (workDirectory is not null)
            {
                foreach ((string stale, long bytes) in StaleIdFiles.Remove(workDirectory))
                {
                    log?.Invoke($"phrases: removed {stale} ({bytes / 1e6:F1} MB), left behind by a run that was killed");
                }
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<PhrasePass> done = PhraseDetector.Run(inputs, target.Discards ? target.Requested : target.FullPath, options, workDirectory, log, cancellation);
            log?.Invoke($"phrases: wrote {done[^1].Words - done[^1].Joined:N0} tokens ({done.Sum(p => p.Joined):N0} joins in {done.Count} pass(es)) " +
                        $"to {target.Requested} in {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Core's check, reworded with this command's flags.</summary>
    private static void Validate(PhraseOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e) when (e.ParamName is { } name && s_flags.TryGetValue(name, out string? flag))
        {
            string message = ErrorMessage.Of(e);
            throw new ArgumentException(flag + message[name.Length..]);
        }
    }
}

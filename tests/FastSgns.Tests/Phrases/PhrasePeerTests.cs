using FastSgns.Phrases;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Phrases;

/// <summary>
/// The phrase detector against the peers themselves: word2vec.c's word2phrase (where it is built: FASTSGNS_WORD2PHRASE
/// or /work/peers/word2phrase; CI has no peers, so there the reference tests stand in) and gensim's Phrases with
/// scoring="npmi" (installed in CI). Outputs must be equal word for word and line for line.
/// </summary>
public sealed class PhrasePeerTests
{
    private static readonly Lazy<string?> s_python = new(() =>
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("FASTSGNS_PYTHON"), "python3", "/usr/bin/python3"];
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && ExternalProcess.Succeeds(p, "-c", "import gensim"));
    });

    /// <summary>gensim's Phrases over the file's lines (split on whitespace), applied <c>passes</c> times, each model learnt on the last output.</summary>
    private const string GensimScript = """
        import sys
        from gensim.models.phrases import Phrases
        source, target, min_count, threshold, passes = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
        sentences = [line.split() for line in open(source, encoding="utf-8")]
        for _ in range(passes):
            model = Phrases(sentences, min_count=min_count, threshold=threshold, scoring="npmi", delimiter="_")
            sentences = [model[s] for s in sentences]
        with open(target, "w", encoding="utf-8") as f:
            for s in sentences:
                f.write(" ".join(s) + "\n")
        """;

    [Theory]
    [InlineData(1, 5, 100.0, 1)]
    [InlineData(2, 3, 20.0, 1)]
    [InlineData(3, 2, 10.0, 2)]
    [InlineData(4, 5, 50.0, 3)]
    [InlineData(5, 1, 0.0, 1)]
    public void Output_EqualsWord2Phrase(int seed, int minCount, double threshold, int passes)
    {
        string word2phrase = Environment.GetEnvironmentVariable("FASTSGNS_WORD2PHRASE") ?? "/work/peers/word2phrase";
        if (!File.Exists(word2phrase))
        {
            Assert.Skip($"word2phrase is not built here ({word2phrase}; set FASTSGNS_WORD2PHRASE); the reference tests cover its rules.");
        }

        string text = PhraseCorpora.Generate(seed, 3000);
        using var temp = new TempDirectory();
        string current = temp.Write("pass0.txt", text);
        for (int pass = 1; pass <= passes; pass++)
        {
            string next = temp.File($"pass{pass}.txt");
            var run = ExternalProcess.Run(word2phrase, ["-train", current, "-output", next, "-min-count", $"{minCount}", "-threshold", $"{threshold}", "-debug", "0"],
                TimeSpan.FromSeconds(120));
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            current = next;
        }

        // word2phrase writes a space before every word, the first of a line too.
        string expected = string.Concat(File.ReadAllText(current).Split('\n')[..^1].Select(line => (line.StartsWith(' ') ? line[1..] : line) + "\n"));
        string ours = PhraseDetectorTests.Detect(text, new PhraseOptions { MinCount = minCount, Threshold = threshold, Passes = passes, Threads = 2 }, chunkBytes: 4096);
        Assert.True(PhraseDetectorTests.Joins(ours) > 50);
        Assert.Equal(expected, ours);
    }

    [Theory]
    [InlineData(6, 5, 0.5, 1)]
    [InlineData(7, 2, 0.2, 2)]
    [InlineData(8, 3, -0.2, 1)]
    public void NpmiOutput_EqualsGensim(int seed, int minCount, double threshold, int passes)
    {
        string? python = s_python.Value;
        if (python is null)
        {
            RequiredInCi.Missing("gensim interop", "gensim is not importable by python3 or /usr/bin/python3 (apt-get install python3-gensim, or set FASTSGNS_PYTHON).");
        }

        // gensim splits on any whitespace, this tokenizer on ASCII's: the corpus keeps to the common ground.
        string text = PhraseCorpora.Generate(seed, 3000);
        using var temp = new TempDirectory();
        string input = temp.Write("in.txt", text);
        string script = temp.Write("phrases.py", GensimScript);
        var run = ExternalProcess.Run(python, [script, input, temp.File("gensim.txt"), $"{minCount}", $"{threshold}", $"{passes}"], TimeSpan.FromSeconds(180));
        Assert.True(run.ExitCode == 0, run.Error);

        string ours = PhraseDetectorTests.Detect(text, new PhraseOptions
        {
            Scorer = PhraseScorer.Npmi, MinCount = minCount, Threshold = threshold, Passes = passes, Threads = 2,
        }, chunkBytes: 4096);
        Assert.True(PhraseDetectorTests.Joins(ours) > 50);
        Assert.Equal(File.ReadAllText(temp.File("gensim.txt")), ours);
    }
}

using System.Text.Json;
using FastSgns.Tests.Support;
using FastSgns.Embeddings;
using FastSgns.Writers;

namespace FastSgns.Tests;

/// <summary>
/// FastSgns and gensim read each other's word2vec files. Runs only where Python with gensim is installed
/// (Debian: apt-get install python3-gensim; .ci/run installs it); set FASTSGNS_PYTHON to pick an interpreter.
/// </summary>
public class GensimInteropTests
{
    private static readonly Lazy<string?> s_python = new(FindPython);

    /// <summary>Loads a file with gensim and prints its words, vectors and most_similar top-5 for a few words as JSON.</summary>
    private const string ReadScript = """
        import json, sys
        from gensim.models import KeyedVectors
        kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == "binary")
        similar = {w: [[n, float(s)] for n, s in kv.most_similar(w, topn=5)] for w in sys.argv[3:]}
        json.dump({"words": kv.index_to_key, "vectors": kv.vectors.tolist(), "similar": similar}, sys.stdout, ensure_ascii=False)
        """;

    /// <summary>Loads a file with gensim and saves it again in both formats.</summary>
    private const string WriteScript = """
        import sys
        from gensim.models import KeyedVectors
        kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
        kv.save_word2vec_format(sys.argv[2], binary=False)
        kv.save_word2vec_format(sys.argv[3], binary=True)
        """;

    /// <summary>gensim's own evaluators: per-section (correct, answered) and Spearman ρ.</summary>
    private const string EvaluateScript = """
        import json, sys
        from gensim.models import KeyedVectors
        kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
        _, sections = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=int(sys.argv[4]))
        pearson, spearman, oov = kv.evaluate_word_pairs(sys.argv[3])
        json.dump({"sections": [[s["section"], len(s["correct"]), len(s["correct"]) + len(s["incorrect"])] for s in sections],
                   "spearman": float(spearman[0])}, sys.stdout)
        """;

    private static readonly string[] s_queries = ["w0", "w17", "café", "w299"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gensim_ReadsFastSgnsFiles_WithTheSameVectorsAndNeighbours(bool binary)
    {
        string python = RequirePython();
        using var temp = new TempDirectory();
        string directory = temp.Path;
        WordEmbeddings original = Sample();
        string path = Path.Combine(directory, binary ? "v.bin" : "v.txt");
        Word2VecWriter.Save(original, path, binary);

        using var json = JsonDocument.Parse(RunPython(python, directory, ReadScript, [path, binary ? "binary" : "text", .. s_queries]));

        var root = json.RootElement;
        Assert.Equal(original.Words, root.GetProperty("words").EnumerateArray().Select(w => w.GetString()!));
        double maxDiff = 0;
        int row = 0;
        foreach (JsonElement vector in root.GetProperty("vectors").EnumerateArray())
        {
            int j = 0;
            foreach (JsonElement value in vector.EnumerateArray())
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(value.GetDouble() - original.Vectors.Row(row)[j++]));
            }

            row++;
        }

        // Text carries six decimals (word2vec.c's "%lf"), so rounding moves a value by at most 5e-7.
        Assert.True(maxDiff <= (binary ? 0 : 1e-6), $"max abs diff {maxDiff}");
        var ours = SgnsModel.Load(path);
        foreach (string word in s_queries)
        {
            var theirs = root.GetProperty("similar").GetProperty(word).EnumerateArray()
                .Select(p => (Word: p[0].GetString()!, Similarity: p[1].GetDouble())).ToList();
            var mine = ours.MostSimilar(word, 5);
            Assert.Equal(theirs.Select(t => t.Word), mine.Select(m => m.Word));
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(theirs[i].Similarity, mine[i].Similarity, 1e-5);
            }
        }
    }

    [Fact]
    public void FastSgns_ReadsGensimFiles_EqualToTheOriginals()
    {
        string python = RequirePython();
        using var temp = new TempDirectory();
        string directory = temp.Path;
        WordEmbeddings original = Sample();
        string source = Path.Combine(directory, "source.bin");
        Word2VecWriter.Save(original, source, binary: true);
        string text = Path.Combine(directory, "gensim.txt"), binary = Path.Combine(directory, "gensim.bin");

        RunPython(python, directory, WriteScript, [source, text, binary]);

        WordEmbeddings fromBinary = Word2VecReader.Load(binary);
        Assert.Equal(original.Words, fromBinary.Words);
        Assert.Equal(original.Vectors.Values(), fromBinary.Vectors.Values());
        WordEmbeddings fromText = Word2VecReader.Load(text);
        Assert.Equal(original.Words, fromText.Words);
        Assert.Equal(original.Dim, fromText.Dim);
        float[] expected = original.Vectors.Values(), actual = fromText.Vectors.Values();
        for (int i = 0; i < expected.Length; i++)
        {
            // gensim writes repr() of each float32, the shortest text that parses back to the same value.
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"value {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void Evaluators_AgreeWithGensims()
    {
        string python = RequirePython();
        using var temp = new TempDirectory();
        string directory = temp.Path;
        WordEmbeddings vectors = TestVectors.Random(300, 20, seed: 77);
        string path = Path.Combine(directory, "v.bin");
        Word2VecWriter.Save(vectors, path, binary: true);
        var random = new Random(8);
        string Word() => random.Next(10) == 0 ? $"oov{random.Next(99)}" : $"w{random.Next(300)}";
        var questions = new List<string>();
        foreach (string section in new[] { "capital-x", "family-y", "gram1-z" })
        {
            questions.Add($": {section}");
            for (int i = 0; i < 60; i++)
            {
                questions.Add($"{Word()} {Word()} {Word()} {Word()}");
            }
        }

        // Sure hits, so the comparison is not only of misses: the model's own answer, when it lies inside the restriction.
        const int restrict = 250;
        var model = new SgnsModel(vectors);
        int sureHits = 0;
        for (int i = 0; i < 20; i++)
        {
            var answer = model.Analogy($"w{i}", $"w{i + 20}", $"w{i + 40}", 1)[0];
            questions.Add($"w{i} w{i + 20} w{i + 40} {answer.Word}");
            sureHits += model.IndexOf(answer.Word) < restrict ? 1 : 0;
        }

        string analogies = Path.Combine(directory, "questions.txt"), pairs = Path.Combine(directory, "pairs.tsv");
        File.WriteAllLines(analogies, questions);
        File.WriteAllLines(pairs, Enumerable.Range(0, 80).Select(i => $"{Word()}\t{Word()}\t{random.Next(0, 41) / 4.0}").Prepend("# w1 w2 score"));

        using var json = JsonDocument.Parse(RunPython(python, directory, EvaluateScript, [path, analogies, pairs, $"{restrict}"]));

        var result = Evaluation.AnalogyEvaluator.Evaluate(vectors, Evaluation.AnalogyQuestion.ReadFile(analogies), restrict: restrict);
        var theirs = json.RootElement.GetProperty("sections").EnumerateArray()
            .Select(s => (s[0].GetString()!, s[1].GetInt32(), s[2].GetInt32())).ToList();
        var ours = result.Sections.Select(s => (s.Name, s.Correct, s.Answered)).Append(("Total accuracy", result.Correct, result.Answered)).ToList();
        Assert.Equal(theirs, ours);
        Assert.True(result.Correct >= sureHits && sureHits > 10, $"{result.Correct} correct, {sureHits} sure hits");
        var similarity = Evaluation.SimilarityEvaluator.Evaluate(model.Embeddings, Evaluation.SimilarityEvaluator.ReadFile(pairs));
        Assert.Equal(json.RootElement.GetProperty("spearman").GetDouble(), similarity.Spearman, 1e-6);
    }

    /// <summary>300 random words of 50 dims, some of them non-ASCII to exercise UTF-8 on both sides.</summary>
    private static WordEmbeddings Sample() =>
        TestVectors.Random(300, 50, seed: 2024, i => i switch { 1 => "café", 2 => "naïve", 3 => "日本語", _ => $"w{i}" });

    internal static string RunPython(string python, string directory, string script, string[] arguments)
    {
        string file = Path.Combine(directory, $"script{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        var result = ExternalProcess.Run(python, [file, .. arguments], TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, $"python failed ({result.ExitCode}): {result.Error}");
        return result.Output;
    }

    internal static string RequirePython()
    {
        string? python = s_python.Value;
        if (python is null)
        {
            RequiredInCi.Missing("gensim interop", "gensim is not importable by python3 or /usr/bin/python3 (apt-get install python3-gensim, or set FASTSGNS_PYTHON).");
        }

        return python;
    }

    private static string? FindPython()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("FASTSGNS_PYTHON"), "python3", "/usr/bin/python3"];
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && ExternalProcess.Succeeds(p, "-c", "import gensim"));
    }
}

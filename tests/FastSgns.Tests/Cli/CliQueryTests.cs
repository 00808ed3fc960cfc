using System.Text.Json;
using FastSgns.Writers;

namespace FastSgns.Tests;

public sealed class CliQueryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _directory;
    private readonly string _vectors;

    public CliQueryTests()
    {
        _directory = _temp.Path;
        _vectors = Path.Combine(_directory, "royals.bin");
        Word2VecWriter.Save(TestVectors.Royals(), _vectors, binary: true);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Similar_PrintsWordTabScore_BestFirst()
    {
        var result = ExternalProcess.Cli("similar", "--vectors", _vectors, "king", "-k", "2");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("prince\t0.96", lines[0]);
        Assert.StartsWith("man\t", lines[1]);
    }

    [Fact]
    public void Analogy_Json_GivesQueen_ForBothMethods()
    {
        foreach (string method in new[] { "add", "mul" })
        {
            var result = ExternalProcess.Cli("analogy", "--vectors", _vectors, "man", "king", "woman", "-k", "3", "--method", method, "--json");

            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(result.Output);
            Assert.Equal(method, json.RootElement.GetProperty("method").GetString());
            var answers = json.RootElement.GetProperty("answers");
            Assert.Equal(3, answers.GetArrayLength());
            Assert.Equal("queen", answers[0].GetProperty("word").GetString());
        }
    }

    [Fact]
    public void UnknownWord_FailsWithAClearMessage()
    {
        var result = ExternalProcess.Cli("similar", "--vectors", _vectors, "dragon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"dragon\" is not in the vocabulary", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Eval_PrintsSectionsSplitAndSimilarity()
    {
        string questions = Path.Combine(_directory, "q.txt");
        File.WriteAllText(questions, ": family\nman king woman queen\nman king woman dragon\n: gram1-x\nking queen prince princess\n");
        string pairs = Path.Combine(_directory, "pairs.tsv");
        File.WriteAllText(pairs, "king\tqueen\t8\nking\tprince\t9\napple\tpear\t7\n");

        var table = ExternalProcess.Cli("eval", "--vectors", _vectors, "--analogies", questions, "--similarity", pairs);
        var json = ExternalProcess.Cli("eval", "--vectors", _vectors, "--analogies", questions, "--similarity", pairs, "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("family", table.Output);
        Assert.Contains("semantic", table.Output);
        Assert.Contains("syntactic", table.Output);
        Assert.Contains("pairs.tsv", table.Output);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var total = document.RootElement.GetProperty("analogies").GetProperty("total");
        Assert.Equal(2, total.GetProperty("correct").GetInt32());
        Assert.Equal(2, total.GetProperty("answered").GetInt32());
        Assert.Equal(3, total.GetProperty("total").GetInt32());
        var similarity = document.RootElement.GetProperty("similarity")[0];
        Assert.Equal(3, similarity.GetProperty("used").GetInt32());
        Assert.Equal(JsonValueKind.Number, similarity.GetProperty("spearman").ValueKind);
    }

    [Fact]
    public void Eval_Fails_WhenGivenNothingToEvaluate_OrAMissingFile()
    {
        Assert.Equal(2, ExternalProcess.Cli("eval", "--vectors", _vectors).ExitCode);
        var missing = ExternalProcess.Cli("eval", "--vectors", _vectors, "--analogies", Path.Combine(_directory, "nope.txt"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.txt", missing.Error);
    }

    [Fact]
    public void Export_Projector_WritesAlignedVectorsAndMetadata()
    {
        string output = Path.Combine(_directory, "projector");

        var result = ExternalProcess.Cli("export", "--vectors", _vectors, "--format", "projector", "--output", output);

        Assert.Equal(0, result.ExitCode);
        string[] vectors = File.ReadAllLines(Path.Combine(output, "vectors.tsv"));
        string[] words = File.ReadAllLines(Path.Combine(output, "metadata.tsv"));
        Assert.Equal(8, vectors.Length);
        Assert.Equal(TestVectors.Royals().Words, words);
        Assert.Equal(["1", "-1", "0", "0.2"], vectors[3].Split('\t'));
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }
}

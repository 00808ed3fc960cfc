using System.Text.Json;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests;

/// <summary>similar / analogy with several positive and negative words, doesnt-match and n-similarity from the CLI.</summary>
public sealed class CliMultiWordQueryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _royals;
    private readonly string _random;

    public CliMultiWordQueryTests()
    {
        _royals = _temp.File("royals.bin");
        Word2VecWriter.Save(TestVectors.Royals(), _royals, binary: true);
        _random = _temp.File("random.bin");
        Word2VecWriter.Save(TestVectors.Random(200, 16, seed: 12), _random, binary: true);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Similar_WithPositiveAndNegativeWords_AnswersAsTheModelDoes()
    {
        var result = CliRunner.Run("similar", "-v", _random, "--positive", "w3", "w40", "--negative", "w7", "-k", "4", "--restrict", "100", "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("word").ValueKind);
        Assert.Equal(["w3", "w40"], root.GetProperty("positive").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(100, root.GetProperty("restrict").GetInt32());
        using var model = SgnsModel.Load(_random);
        var expected = model.MostSimilar(["w3", "w40"], ["w7"], 4, 100);
        var neighbors = root.GetProperty("neighbors").EnumerateArray().Select(n => (n.GetProperty("word").GetString()!, n.GetProperty("similarity").GetSingle()));
        Assert.Equal(expected, neighbors);
    }

    [Fact]
    public void Similar_WordArgument_JoinsThePositiveWords_AndMulIsCosMul()
    {
        var result = CliRunner.Run("similar", "-v", _royals, "king", "--positive", "woman", "--negative", "man", "-k", "2", "--method", "mul");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var model = SgnsModel.Load(_royals);
        var expected = model.MostSimilarCosMul(["king", "woman"], ["man"], 2);
        Assert.Equal(expected.Select(e => FormattableString.Invariant($"{e.Word}\t{e.Similarity:F4}")), Lines(result.StdOut));
        Assert.StartsWith("queen\t", result.StdOut);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("mul")]
    public void Analogy_ABC_EqualsPositiveBC_NegativeA(string method)
    {
        var abc = CliRunner.Run("analogy", "-v", _random, "w1", "w2", "w3", "-k", "5", "--method", method);
        var lists = CliRunner.Run("analogy", "-v", _random, "--positive", "w2", "w3", "--negative", "w1", "-k", "5", "--method", method);

        Assert.True(abc.ExitCode == 0, abc.StdErr);
        Assert.Equal(5, Lines(abc.StdOut).Length);
        Assert.Equal(abc.StdOut, lists.StdOut);
    }

    [Theory]
    [InlineData("expected three words A B C, got 2", "analogy", "man", "king")]
    [InlineData("give either A B C or --positive/--negative words, not both", "analogy", "man", "king", "woman", "--positive", "queen")]
    [InlineData("--restrict must be 0 (all words) or a positive number of words, got -2.", "similar", "king", "--restrict", "-2")]
    [InlineData("\"dragon\" is not in the vocabulary.", "similar", "--positive", "king", "dragon")]
    [InlineData("\"kiwi\" is not in the vocabulary.", "doesnt-match", "apple", "pear", "kiwi")]
    [InlineData("\"kiwi\" is not in the vocabulary.", "n-similarity", "--first", "apple", "--second", "kiwi")]
    public void BadQueries_FailInOneLine_WithExitTwo_AndPrintNothing(string expected, string command, params string[] arguments)
    {
        var result = CliRunner.Run([command, "-v", _royals, .. arguments]);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("fastsgns: error: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", result.StdOut);
    }

    [Theory]
    [InlineData("no words to query", "similar")]
    [InlineData("--method mul needs at least one positive word", "similar", "--negative", "man", "--method", "mul")]
    public void QueriesAskingNothing_AreUsageErrors_WithExitOne(string expected, string command, params string[] arguments)
    {
        var result = CliRunner.Run([command, "-v", _royals, .. arguments]);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("fastsgns: error: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void DoesntMatch_PrintsTheOddWord_AndItsJsonRanksEveryWord()
    {
        var plain = CliRunner.Run("doesnt-match", "-v", _royals, "king", "queen", "apple", "prince");
        var json = CliRunner.Run("doesnt-match", "-v", _royals, "king", "queen", "apple", "prince", "--json");

        Assert.True(plain.ExitCode == 0, plain.StdErr);
        Assert.Equal("apple\n", plain.StdOut);
        using var document = JsonDocument.Parse(json.StdOut);
        Assert.Equal("apple", document.RootElement.GetProperty("answer").GetString());
        var ranking = document.RootElement.GetProperty("ranking");
        Assert.Equal(4, ranking.GetArrayLength());
        Assert.Equal("apple", ranking[3].GetProperty("word").GetString());
    }

    [Fact]
    public void NSimilarity_PrintsTheModelsCosine()
    {
        var plain = CliRunner.Run("n-similarity", "-v", _random, "--first", "w1", "w2", "--second", "w3", "w4", "w5");
        var json = CliRunner.Run("n-similarity", "-v", _random, "--first", "w1", "w2", "--second", "w3", "w4", "w5", "--json");

        Assert.True(plain.ExitCode == 0, plain.StdErr);
        using var model = SgnsModel.Load(_random);
        float expected = model.NSimilarity(["w1", "w2"], ["w3", "w4", "w5"]);
        Assert.Equal(FormattableString.Invariant($"{expected:F4}\n"), plain.StdOut);
        using var document = JsonDocument.Parse(json.StdOut);
        Assert.Equal(expected, document.RootElement.GetProperty("similarity").GetSingle());
        Assert.Equal(3, document.RootElement.GetProperty("second").GetArrayLength());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

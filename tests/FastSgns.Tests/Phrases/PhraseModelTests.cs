using FastSgns.Tests.Support;

namespace FastSgns.Tests.Phrases;

/// <summary>
/// The facade's phrases, as gensim users call them: a model learned with <see cref="PhraseModel.Learn"/> joins each
/// line as <see cref="PhraseModel.Rewrite"/> (<c>fastsgns phrases</c>) writes it, for both scorers and over passes.
/// </summary>
public sealed class PhraseModelTests
{
    [Theory]
    [InlineData(1, PhraseScoring.Default, 5, 10.0, 1)]
    [InlineData(2, PhraseScoring.Default, 3, 20.0, 2)]
    [InlineData(3, PhraseScoring.Npmi, 2, 0.1, 2)]
    [InlineData(4, PhraseScoring.Npmi, 5, 0.5, 1)]
    public void Apply_ToEachLine_GivesTheRewrittenLine(int seed, PhraseScoring scoring, long minCount, double threshold, int passes)
    {
        using var temp = new TempDirectory();
        string input = temp.Write("in.txt", PhraseCorpora.Generate(seed, lines: 3000, messy: false));
        var settings = new PhraseSettings { Scoring = scoring, MinCount = minCount, Threshold = threshold, Passes = passes, Threads = 2, WorkDirectory = temp.Path };

        IReadOnlyList<PhrasePassResult> rewritten = PhraseModel.Rewrite([input], temp.File("out.txt"), settings);
        PhraseModel model = PhraseModel.Learn([input], settings);

        Assert.Equal(passes, rewritten.Count);
        Assert.Equal(passes, model.Passes);
        Assert.Equal(rewritten.Sum(p => p.Phrases), model.Phrases.Count);
        Assert.True(rewritten[0].Joined > 0, "the corpus's planted collocations should join");
        string[] inputLines = File.ReadAllLines(input);
        string[] outputLines = File.ReadAllLines(temp.File("out.txt"));
        Assert.Equal(inputLines.Length, outputLines.Length);
        for (int i = 0; i < inputLines.Length; i++)
        {
            string[] tokens = inputLines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(outputLines[i], string.Join(' ', model.Apply(tokens)));
        }

        // Only the input and the output are left: the learning passes' spools are gone.
        Assert.Equal(["in.txt", "out.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_JoinsLeftToRight_AndPhrasesListsThePairs()
    {
        using var temp = new TempDirectory();
        string text = string.Concat(Enumerable.Repeat("new york is big\nold york new york city\n", 50)) + "a b c d e f g h\n";
        string input = temp.Write("in.txt", text);

        PhraseModel model = PhraseModel.Learn([input], new PhraseSettings { MinCount = 1, Threshold = 0, Threads = 1 });

        Assert.Contains((1, "new", "york"), model.Phrases);
        Assert.Equal(["new_york", "new"], model.Apply(["new", "york", "new"]));
        Assert.Equal(["a", "b"], model.Apply(["a", "b"]));
        Assert.Equal('_', model.Delimiter);
    }

    [Fact]
    public void Rewrite_OverItsInput_IsRefused_AndABadSettingIsNamed()
    {
        using var temp = new TempDirectory();
        string input = temp.Write("in.txt", "a b c\n");

        var over = Assert.Throws<ArgumentException>(() => PhraseModel.Rewrite([input], input));
        var passes = Assert.Throws<ArgumentException>(() => PhraseModel.Learn([input], new PhraseSettings { Passes = 0 }));

        Assert.Contains("the output is one of the inputs", over.Message);
        Assert.Equal("a b c\n", File.ReadAllText(input));
        Assert.StartsWith("Passes must be between 1 and 16, got 0.", passes.Message);
    }
}

using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Queries;

namespace FastSgns.Tests;

public sealed class AnalogyEvaluatorTests : IDisposable
{
    private readonly WordEmbeddings _royals = TestVectors.Royals();

    // Hand-checked against TestVectors.Royals with 3CosAdd: "man prince woman princess" answers queen (wrong),
    // "king queen pear apple" answers woman (wrong), dragon is out of the vocabulary.
    private const string Fixture = """
        : family
        Man King Woman Queen
        woman queen man king
        man prince woman princess
        man king woman dragon
        # comment lines are skipped
        : gram1-royal
        king queen prince princess
        king queen pear apple
        """;

    [Fact]
    public void Evaluate_CountsSectionsSplitAndCoverage_OnAHandMadeFixture()
    {
        var result = AnalogyEvaluator.Evaluate(_royals, ReadFixture());

        AnalogySection[] expected = [new("family", 2, 3, 4), new("gram1-royal", 1, 2, 2)];
        Assert.Equal(expected, result.Sections);
        Assert.Equal(new AnalogySection("semantic", 2, 3, 4), result.Semantic);
        Assert.Equal(new AnalogySection("syntactic", 1, 2, 2), result.Syntactic);
        Assert.Equal((3, 5, 6), (result.Correct, result.Answered, result.Total));
        Assert.Equal(3.0 / 5, result.Accuracy, 12);
        Assert.Equal(5.0 / 6, result.Coverage, 12);
    }

    [Fact]
    public void Evaluate_SkipsQuestionsOutsideTheRestriction()
    {
        var result = AnalogyEvaluator.Evaluate(_royals, ReadFixture(), restrict: 4);

        Assert.Equal((2, 2, 6), (result.Correct, result.Answered, result.Total));
    }

    [Theory]
    [InlineData(AnalogyMethod.Add)]
    [InlineData(AnalogyMethod.Mul)]
    public void Evaluate_AgreesWithTheModelsTopAnswer(AnalogyMethod method)
    {
        using var model = new SgnsModel(TestVectors.Random(300, 16, seed: 11));
        var random = new Random(5);
        var questions = new List<AnalogyQuestion>();
        int expected = 0;
        for (int i = 0; i < 150; i++)
        {
            // Three distinct words; the fourth is the model's own answer for half of the questions.
            int[] rows = [.. Enumerable.Range(0, 300).OrderBy(_ => random.Next()).Take(4)];
            string a = model.Word(rows[0]), b = model.Word(rows[1]), c = model.Word(rows[2]);
            string top = model.Analogy(a, b, c, 1, method)[0].Word;
            string d = i % 2 == 0 ? top : model.Word(rows[3]);
            expected += d == top ? 1 : 0;
            questions.Add(new AnalogyQuestion(i % 3 == 0 ? "gram-x" : "y", a, b, c, d));
        }

        var result = AnalogyEvaluator.Evaluate(model.Embeddings, questions, method);

        Assert.Equal(expected, result.Correct);
        Assert.Equal(150, result.Answered);
    }

    [Fact]
    public void Evaluate_MulCanDisagreeWithAdd_OnlyThroughTheObjective()
    {
        var questions = ReadFixture();

        var add = AnalogyEvaluator.Evaluate(_royals, questions, AnalogyMethod.Add);
        var mul = AnalogyEvaluator.Evaluate(_royals, questions, AnalogyMethod.Mul);

        Assert.Equal(add.Answered, mul.Answered);
        Assert.Equal(add.Total, mul.Total);
    }

    [Fact]
    public void CosMul_MatchesGensimsFormula()
    {
        Assert.Equal(0.75f * 0.5f / (0.25f + 1e-6f), CosMul.Score(-0.5f, 0.5f, 0f), 5);
        Assert.Equal(1f / (1 + 1e-6f), CosMul.Score(1f, 1f, 1f), 6);
        Assert.Equal(1e6f, CosMul.Score(-1f, 1f, 1f), 0);
        Assert.Equal(0.3f / (0.2f * 0.5f + 1e-6f), CosMul.Score(0.3f, 0.2f * 0.5f), 4);
    }

    [Fact]
    public void ReadFile_Throws_WithLineNumber_OnAMalformedLine()
    {
        using var temp = new TempDirectory();
        string path = temp.File("bad.txt");
        File.WriteAllText(path, ": s\na b c d\na b c\n");

        var e = Assert.Throws<InvalidDataException>(() => AnalogyQuestion.ReadFile(path));
        Assert.Contains(":3:", e.Message);
    }

    private static List<AnalogyQuestion> ReadFixture()
    {
        using var temp = new TempDirectory();
        string path = temp.File("questions.txt");
        File.WriteAllText(path, Fixture);
        return AnalogyQuestion.ReadFile(path);
    }

    public void Dispose() => _royals.Dispose();
}

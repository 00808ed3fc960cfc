using FastSgns.Queries;

namespace FastSgns.Tests;

public class SgnsModelQueryTests
{
    private readonly SgnsModel _model = new(TestVectors.Royals());

    [Fact]
    public void MostSimilar_ExcludesTheWord_AndRanksByCosine()
    {
        var answers = _model.MostSimilar("king", 3);

        Assert.Equal(["prince", "man", "princess"], answers.Select(a => a.Word));
        float expected = Cosine([1, 1, 0, 0.2f], [0.8f, 0.6f, 0, -0.1f]);
        Assert.Equal(expected, answers[0].Similarity, 5);
        Assert.True(answers[0].Similarity >= answers[1].Similarity && answers[1].Similarity >= answers[2].Similarity);
    }

    [Fact]
    public void MostSimilar_ByVector_ExcludesNothing_AndIgnoresScale()
    {
        var answers = _model.MostSimilar([10f, 10f, 0f, 2f], 2);

        Assert.Equal("king", answers[0].Word);
        Assert.Equal(1f, answers[0].Similarity, 5);
    }

    [Fact]
    public void MostSimilar_ReturnsAllOtherWords_WhenKExceedsTheVocabulary()
    {
        Assert.Equal(7, _model.MostSimilar("apple", 100).Count);
    }

    [Theory]
    [InlineData(AnalogyMethod.Add)]
    [InlineData(AnalogyMethod.Mul)]
    public void Analogy_FindsQueen_AndExcludesTheQuestionWords(AnalogyMethod method)
    {
        var answers = _model.Analogy("man", "king", "woman", 5, method);

        Assert.Equal("queen", answers[0].Word);
        Assert.DoesNotContain(answers, a => a.Word is "man" or "king" or "woman");
    }

    [Fact]
    public void Analogy_Add_ScoresCosineWithBMinusAPlusC()
    {
        var unit = _model.UnitVectors;
        float[] query = new float[4];
        for (int j = 0; j < 4; j++)
        {
            query[j] = unit.Row(2)[j] - unit.Row(0)[j] + unit.Row(1)[j];
        }

        var answer = _model.Analogy("man", "king", "woman")[0];

        Assert.Equal(Cosine(query, [1, -1, 0, 0.2f]), answer.Similarity, 5);
    }

    [Fact]
    public void Analogy_Mul_ScoresByLevyGoldbergFormula_WithGensimsEpsilon()
    {
        var answers = _model.Analogy("man", "king", "woman", 5, AnalogyMethod.Mul);
        float[] man = [0, 1, 0, 0.1f], king = [1, 1, 0, 0.2f], woman = [0, -1, 0, 0.1f];
        foreach (var (word, score) in answers)
        {
            float[] d = _model.GetVector(word).ToArray();
            float ca = (Cosine(d, man) + 1) / 2, cb = (Cosine(d, king) + 1) / 2, cc = (Cosine(d, woman) + 1) / 2;
            Assert.Equal(cb * cc / (ca + 1e-6f), score, 4);
        }
    }

    [Fact]
    public void Similarity_IsCosine_AndSymmetric()
    {
        Assert.Equal(Cosine([1, 1, 0, 0.2f], [1, -1, 0, 0.2f]), _model.Similarity("king", "queen"), 5);
        Assert.Equal(_model.Similarity("queen", "king"), _model.Similarity("king".AsSpan(), "queen".AsSpan()));
        Assert.Equal(1f, _model.Similarity("pear", "pear"), 5);
    }

    [Fact]
    public void SpanOverloads_AgreeWithListOverloads()
    {
        Span<Neighbor> buffer = stackalloc Neighbor[3];

        int found = _model.MostSimilar("queen".AsSpan(), buffer);
        var list = _model.MostSimilar("queen", 3);
        Assert.Equal(3, found);
        for (int i = 0; i < found; i++)
        {
            Assert.Equal(list[i].Word, _model.Word(buffer[i].Index));
            Assert.Equal(list[i].Similarity, buffer[i].Similarity);
        }

        found = _model.Analogy("man".AsSpan(), "king".AsSpan(), "woman".AsSpan(), buffer, AnalogyMethod.Mul);
        Assert.Equal(3, found);
        Assert.Equal("queen", _model.Word(buffer[0].Index));
    }

    [Fact]
    public void Queries_Throw_WhenAWordIsUnknown()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => _model.MostSimilar("dragon"));
        Assert.Contains("\"dragon\"", e.Message);
        Assert.Throws<KeyNotFoundException>(() => _model.Analogy("man", "king", "dragon"));
        Assert.Throws<KeyNotFoundException>(() => _model.Similarity("king".AsSpan(), "dragon".AsSpan()));
        Assert.Throws<KeyNotFoundException>(() => _model["dragon"].Length);
        Assert.Contains("(but \"king\" is)", Assert.Throws<KeyNotFoundException>(() => _model.MostSimilar("King")).Message);
    }

    [Fact]
    public void VectorAccess_ReturnsStoredValues_AndEmptyForUnknown()
    {
        Assert.Equal([1f, -1f, 0f, 0.2f], _model.GetVector("queen").ToArray());
        Assert.Equal([1f, -1f, 0f, 0.2f], _model["queen"].ToArray());
        Assert.Equal(3, _model.IndexOf("queen".AsSpan()));
        Assert.True(_model.GetVector("dragon".AsSpan()).IsEmpty);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(_model.GetUnitVector(3)), 5);
    }

    [Fact]
    public void VectorQuery_Throws_WhenDimsDiffer()
    {
        Assert.Throws<ArgumentException>(() => _model.MostSimilar([1f, 2f], 3));
    }

    private static float Cosine(float[] x, float[] y) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y);
}

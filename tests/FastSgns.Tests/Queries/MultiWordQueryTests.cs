using FastSgns.Queries;

namespace FastSgns.Tests;

/// <summary>
/// gensim's multi-word queries on <see cref="SgnsModel"/>, each checked against a plain double-precision reference
/// written from gensim's definitions (gensim itself is compared in <c>GensimQueryParityTests</c>).
/// </summary>
public class MultiWordQueryTests
{
    private readonly SgnsModel _royals = new(TestVectors.Royals());
    private readonly SgnsModel _random = new(TestVectors.Random(300, 20, seed: 31));

    [Fact]
    public void MostSimilar_KingPlusWomanMinusMan_IsQueen_WithTheMeanVectorsCosine()
    {
        var answers = _royals.MostSimilar(["king", "woman"], ["man"], k: 3);

        Assert.Equal("queen", answers[0].Word);
        Assert.DoesNotContain(answers, a => a.Word is "king" or "woman" or "man");
        double[] query = Combine(_royals, ["king", "woman"], ["man"], unit: true);
        Assert.Equal(Cosine(query, Raw(_royals, "queen")), answers[0].Similarity, 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(1000)]
    public void MostSimilar_EqualsABruteForceRanking_AmongTheFirstNWords(int restrict)
    {
        string[] positive = ["w3", "w250", "w17"], negative = ["w99", "w5"];

        var answers = _random.MostSimilar(positive, negative, k: 15, restrictVocab: restrict);

        double[] query = Combine(_random, positive, negative, unit: true);
        var expected = Rank(_random, restrict, [.. positive, .. negative], w => Cosine(query, Raw(_random, w)), 15);
        Assert.Equal(expected.Select(e => e.Word), answers.Select(a => a.Word));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, answers[i].Similarity, 5);
        }

        Assert.All(answers, a => Assert.True(restrict == 0 || _random.IndexOf(a.Word) < restrict));
    }

    [Fact]
    public void MostSimilar_WithOnlyNegativeWords_RanksAwayFromThem()
    {
        var answers = _royals.MostSimilar([], ["apple"], k: 1);

        Assert.Equal(Cosine(Combine(_royals, [], ["apple"], unit: true), Raw(_royals, answers[0].Word)), answers[0].Similarity, 5);
        Assert.NotEqual("pear", answers[0].Word);
    }

    [Fact]
    public void MostSimilar_AndCosMul_WithBAndCPositive_AndANegative_AreTheAnalogies()
    {
        foreach (var (a, b, c) in new[] { ("w1", "w2", "w3"), ("w10", "w200", "w42") })
        {
            var add = _random.Analogy(a, b, c, 10);
            var mostSimilar = _random.MostSimilar([b, c], [a], 10);
            var mul = _random.Analogy(a, b, c, 10, AnalogyMethod.Mul);
            var cosMul = _random.MostSimilarCosMul([b, c], [a], 10);

            Assert.Equal(add.Select(x => x.Word), mostSimilar.Select(x => x.Word));
            Assert.Equal(mul, cosMul);
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(add[i].Similarity, mostSimilar[i].Similarity, 5);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void MostSimilarCosMul_ScoresProductsOfShiftedCosines_OverNegativesPlusEpsilon(int restrict)
    {
        string[] positive = ["w8", "w120", "w64"], negative = ["w7", "w280"];
        double Shifted(string x, string w) => (Cosine(Raw(_random, x), Raw(_random, w)) + 1) / 2;

        var answers = _random.MostSimilarCosMul(positive, negative, k: 12, restrictVocab: restrict);

        var expected = Rank(_random, restrict, [.. positive, .. negative],
            w => positive.Aggregate(1.0, (p, x) => p * Shifted(x, w)) / (negative.Aggregate(1.0, (p, x) => p * Shifted(x, w)) + 1e-6), 12);
        Assert.Equal(expected.Select(e => e.Word), answers.Select(a => a.Word));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, answers[i].Similarity, 4);
        }
    }

    [Fact]
    public void MostSimilarCosMul_WithOnePositiveWord_RanksAsMostSimilar()
    {
        var cosMul = _random.MostSimilarCosMul(["w77"], k: 10);
        var plain = _random.MostSimilar("w77", 10);

        Assert.Equal(plain.Select(p => p.Word), cosMul.Select(c => c.Word));
        Assert.Equal((plain[0].Similarity + 1) / 2 / (1 + 1e-6f), cosMul[0].Similarity, 6);
    }

    [Fact]
    public void SimilarByWord_AndByVector_HonourTheRestriction()
    {
        Assert.Equal(_random.MostSimilar("w5", 10), _random.SimilarByWord("w5", 10));
        var restricted = _random.SimilarByWord("w250", 5, restrictVocab: 30);
        var byVector = _random.SimilarByVector(_random.GetVector("w250"), 6, restrictVocab: 30);

        Assert.All(restricted, r => Assert.True(_random.IndexOf(r.Word) < 30));
        Assert.Equal(restricted.Select(r => r.Word), byVector.Take(5).Select(r => r.Word)); // w250 lies outside the first 30
        Assert.Equal(6, byVector.Count);
        Assert.Equal(_random.MostSimilar([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, -1f], 4),
            _random.SimilarByVector([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, -1f], 4));
    }

    [Fact]
    public void DoesntMatch_FindsTheFruit_AndRankByCentrality_PutsItLast()
    {
        Assert.Equal("apple", _royals.DoesntMatch("king", "queen", "prince", "apple", "princess"));

        var ranking = _royals.RankByCentrality("king", "queen", "prince", "apple", "princess");

        Assert.Equal("apple", ranking[^1].Word);
        Assert.Equal(5, ranking.Count);
        double[] mean = Combine(_royals, ["king", "queen", "prince", "apple", "princess"], [], unit: true);
        foreach (var (word, score) in ranking)
        {
            Assert.Equal(Cosine(mean, Raw(_royals, word)), score, 5);
        }

        Assert.True(ranking.Zip(ranking.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
    }

    [Fact]
    public void DoesntMatch_AgreesWithABruteForceCentrality_OnRandomSets()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            // Three words or more: two are always equally far from their mean, an exact tie that rounding decides.
            string[] words = [.. Enumerable.Range(0, random.Next(3, 9)).Select(_ => $"w{random.Next(300)}").Distinct()];
            if (words.Length < 3)
            {
                continue;
            }

            double[] mean = Combine(_random, words, [], unit: true);
            string expected = words.MinBy(w => Cosine(mean, Raw(_random, w)))!;

            Assert.Equal(expected, _random.DoesntMatch(words));
        }
    }

    [Fact]
    public void NSimilarity_IsTheCosineOfTheStoredVectorsMeans_NotOfUnitVectors()
    {
        var model = new SgnsModel(TestVectors.Of(("a", [1f, 0f]), ("b", [0f, 10f]), ("c", [1f, 1f])));

        // Means of stored vectors: (0.5, 5) against (1, 1); of unit vectors it would be (0.5, 0.5), cosine 1.
        double expected = (0.5 + 5) / (Math.Sqrt(0.25 + 25) * Math.Sqrt(2));
        Assert.Equal(expected, model.NSimilarity(["a", "b"], ["c"]), 5);
        Assert.Equal(model.NSimilarity(["c"], ["a", "b"]), model.NSimilarity(["a", "b"], ["c"]));
        Assert.Equal(model.Similarity("a", "c"), model.NSimilarity(["a"], ["c"]), 6);
    }

    [Fact]
    public void SpanForms_AgreeWithListForms()
    {
        Span<Neighbor> buffer = stackalloc Neighbor[4];
        var list = _random.MostSimilar(["w1", "w2"], ["w3"], 4, 100);
        Assert.Equal(4, _random.MostSimilar(["w1", "w2"], ["w3"], buffer, 100));
        AssertSame(list, buffer);

        list = _random.MostSimilarCosMul(["w1", "w2"], ["w3"], 4, 100);
        Assert.Equal(4, _random.MostSimilarCosMul(["w1", "w2"], ["w3"], buffer, 100));
        AssertSame(list, buffer);

        list = _random.SimilarByWord("w9", 4, 50);
        Assert.Equal(4, _random.SimilarByWord("w9".AsSpan(), buffer, 50));
        AssertSame(list, buffer);

        list = _random.RankByCentrality("w1", "w2", "w3", "w4");
        Assert.Equal(4, _random.RankByCentrality(["w1", "w2", "w3", "w4"], buffer));
        AssertSame(list, buffer);
        Assert.Equal(2, _random.RankByCentrality(["w1", "w2", "w3", "w4"], buffer[..2]));
    }

    [Fact]
    public void BadArguments_FailClearly_NamingTheUnknownWord()
    {
        var unknown = Assert.Throws<KeyNotFoundException>(() => _royals.MostSimilar(["king", "dragon"], ["man"]));
        Assert.Contains("\"dragon\"", unknown.Message);
        Assert.Contains("\"unicorn\"", Assert.Throws<KeyNotFoundException>(() => _royals.MostSimilarCosMul(["king"], ["unicorn"])).Message);
        Assert.Contains("\"kiwi\"", Assert.Throws<KeyNotFoundException>(() => _royals.DoesntMatch("apple", "pear", "kiwi")).Message);
        Assert.Contains("\"kiwi\"", Assert.Throws<KeyNotFoundException>(() => _royals.NSimilarity(["apple"], ["kiwi"])).Message);
        Assert.Contains("(but \"king\" is)", Assert.Throws<KeyNotFoundException>(() => _royals.SimilarByWord("King")).Message);
        Assert.Throws<ArgumentException>(() => _royals.MostSimilar(Array.Empty<string>(), []));
        Assert.Throws<ArgumentException>(() => _royals.MostSimilarCosMul([], ["man"]));
        Assert.Throws<ArgumentException>(() => _royals.DoesntMatch());
        Assert.Throws<ArgumentException>(() => _royals.NSimilarity(["king"], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => _royals.MostSimilar(["king"], [], 3, restrictVocab: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _royals.MostSimilar(["king"], [], k: 0));
    }

    [Fact]
    public void ManyWordsAndWideVectors_UseThePool_AndGiveTheSameAnswers()
    {
        var wide = new SgnsModel(TestVectors.Random(200, 1500, seed: 4));
        string[] positive = [.. Enumerable.Range(0, 40).Select(i => $"w{i}")];

        var answers = wide.MostSimilar(positive, ["w150"], k: 5);

        double[] query = Combine(wide, positive, ["w150"], unit: true);
        var expected = Rank(wide, 0, [.. positive, "w150"], w => Cosine(query, Raw(wide, w)), 5);
        Assert.Equal(expected.Select(e => e.Word), answers.Select(a => a.Word));
        Assert.Equal(positive.MinBy(w => Cosine(Combine(wide, positive, [], unit: true), Raw(wide, w))), wide.DoesntMatch(positive));
    }

    private void AssertSame(IReadOnlyList<(string Word, float Similarity)> list, ReadOnlySpan<Neighbor> buffer)
    {
        for (int i = 0; i < list.Count; i++)
        {
            Assert.Equal(list[i].Word, _random.Word(buffer[i].Index));
            Assert.Equal(list[i].Similarity, buffer[i].Similarity);
        }
    }

    private static double[] Raw(SgnsModel model, string word) => [.. model.GetVector(word).ToArray().Select(v => (double)v)];

    /// <summary>Σ positive − Σ negative, of unit vectors (most_similar) or stored ones.</summary>
    private static double[] Combine(SgnsModel model, string[] positive, string[] negative, bool unit)
    {
        var sum = new double[model.Dim];
        foreach (var (word, sign) in positive.Select(w => (w, 1.0)).Concat(negative.Select(w => (w, -1.0))))
        {
            double[] v = Raw(model, word);
            double norm = unit ? Math.Sqrt(v.Sum(x => x * x)) : 1;
            for (int j = 0; j < v.Length; j++)
            {
                sum[j] += sign * v[j] / norm;
            }
        }

        return sum;
    }

    private static double Cosine(double[] x, double[] y)
    {
        double dot = 0, xx = 0, yy = 0;
        for (int j = 0; j < x.Length; j++)
        {
            dot += x[j] * y[j];
            xx += x[j] * x[j];
            yy += y[j] * y[j];
        }

        return xx > 0 && yy > 0 ? dot / Math.Sqrt(xx * yy) : 0;
    }

    /// <summary>The best k words among the first restrict (0 = all), the excluded ones left out; stable for ties.</summary>
    private static List<(string Word, double Score)> Rank(SgnsModel model, int restrict, string[] exclude, Func<string, double> score, int k) =>
        [.. model.Words.Take(restrict == 0 ? model.Count : restrict).Where(w => !exclude.Contains(w))
            .Select(w => (Word: w, Score: score(w))).OrderByDescending(p => p.Score).Take(k)];
}

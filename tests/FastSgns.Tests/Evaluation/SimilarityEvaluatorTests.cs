using FastSgns.Evaluation;

namespace FastSgns.Tests;

public class SimilarityEvaluatorTests
{
    [Fact]
    public void Spearman_IsOne_ForAnyIncreasingRelation_AndMinusOne_WhenReversed()
    {
        Assert.Equal(1, Statistics.Spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 25]), 12);
        Assert.Equal(-1, Statistics.Spearman([1, 2, 3, 4, 5], [50, 40, 30, 20, 10]), 12);
    }

    [Fact]
    public void Spearman_MatchesTheTextbookExample()
    {
        // IQ against hours of TV: ρ = −29/165 (the Wikipedia "Spearman's rank correlation coefficient" example).
        double rho = Statistics.Spearman([106, 86, 100, 101, 99, 103, 97, 113, 112, 110], [7, 0, 27, 50, 28, 29, 20, 12, 6, 17]);

        Assert.Equal(-29.0 / 165, rho, 12);
    }

    [Fact]
    public void Spearman_GivesTiesTheirAverageRank()
    {
        Assert.Equal([2, 3.5, 3.5, 1], Statistics.Ranks([10, 20, 20, 5]));
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 2, 3, 4]) = 0.9486832980505138
        Assert.Equal(0.9486832980505138, Statistics.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void Spearman_IsNaN_WhenUndefined()
    {
        Assert.True(double.IsNaN(Statistics.Spearman([1], [2])));
        Assert.True(double.IsNaN(Statistics.Spearman([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void Evaluate_ReadsTabsSpacesAndComments_AndReportsCoverage()
    {
        using var temp = new TempDirectory();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "# Word 1\tWord 2\tHuman (mean)\nKing\tqueen\t8\nking prince 9\n\napple\t pear\t7.0\nman apple 1\ndragon king 5\n");

        var pairs = SimilarityEvaluator.ReadFile(path);
        using var royals = TestVectors.Royals();
        var result = SimilarityEvaluator.Evaluate(royals, pairs);

        Assert.Equal(5, pairs.Count);
        Assert.Equal(("king", "queen", 8.0), pairs[0]);
        // Human ranks (kq, kp, ap, ma) = 3, 4, 2, 1; cosine ranks = 2, 3, 4, 1; Pearson of those ranks = 0.4.
        Assert.Equal(0.4, result.Spearman, 6);
        Assert.Equal((4, 5), (result.Used, result.Total));
        Assert.Equal(0.8, result.Coverage, 12);
    }
}

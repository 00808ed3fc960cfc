using FastSgns.Distributed;
using FastSgns.Embeddings;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// How a sync combines the rows the ranks changed, row by row, with 3 ranks simulated in one process (no MPI, no
/// workers: deterministic). Row 0 is a hot row that every rank drove to the same place during the interval (each rank
/// learnt the same thing from its shard); row 1 only rank 1 changed; rows 2 and 3 two of the three ranks changed, in
/// independent directions; row 4 nobody changed.
/// </summary>
public sealed class RowCombiningTests
{
    private const int Ranks = 3;
    private const int Dim = 4;
    private static readonly float[] s_base = [0.5f, -0.25f, 0.125f, 1];

    [Fact]
    public void SameMoveOnEveryRank_IsMadeTwice_IndependentMovesAllCount_AndEveryRankEndsEqual()
    {
        EmbeddingMatrix[] live = Exchange(CombineRule.Adaptive, out int[] exchanged);

        foreach (EmbeddingMatrix matrix in live)
        {
            // Every rank learnt "+1 on the first coordinate": the sum would apply it three times, the adaptive rule
            // at most twice (what two ranks' sum does, which stays stable; see the next test).
            AssertRow([2.5f, -0.25f, 0.125f, 1], matrix.Row(0));
            AssertRow([0.5f, 0.75f, 0.125f, 1], matrix.Row(1));
            AssertRow([1.5f, -0.25f, 1.125f, 1], matrix.Row(2));
            AssertRow([0.5f, -0.25f, 0.125f, 1], matrix.Row(4));
            Assert.Equal(live[0].Row(3).ToArray(), matrix.Row(3).ToArray());
        }

        Assert.All(exchanged, count => Assert.Equal(4, count));
    }

    /// <summary>
    /// The 3-rank defect, row by row: a hot row that each rank drives 90 % of the way to the same target during every
    /// interval. Summing three such moves leaves it (1 − 3·0.9) = −1.7 times as far off after each sync: it swings
    /// further out at every sync, so more syncs make it worse. Two ranks' sum (1 − 2·0.9 = −0.8) and the adaptive
    /// rule on three ranks (at most two moves) bring it in.
    /// </summary>
    [Theory]
    [InlineData("sum", 3, false)]
    [InlineData("sum", 2, true)]
    [InlineData("adaptive", 3, true)]
    [InlineData("adaptive", 4, true)]
    public void HotRowEveryRankLearns_ConvergesOnlyWhenTheSharedMoveIsMadeAtMostTwice(string ruleName, int ranks, bool converges)
    {
        CombineRule rule = Enum.Parse<CombineRule>(ruleName, ignoreCase: true);
        const float Target = 1, Start = 0, Fraction = 0.9f;
        var collectives = new InProcessCollectives(ranks);
        var live = new EmbeddingMatrix[ranks];
        var averagers = new RowAverager[ranks];
        for (int r = 0; r < ranks; r++)
        {
            live[r] = new EmbeddingMatrix(1, Dim);
            live[r].Row(0).Fill(Start);
            averagers[r] = new RowAverager(collectives.Rank(r), live[r], rule);
        }

        for (int sync = 0; sync < 15; sync++)
        {
            for (int r = 0; r < ranks; r++)
            {
                Span<float> row = live[r].Row(0);
                for (int j = 0; j < Dim; j++)
                {
                    // Each rank's own shard would take the row close to the target, with a little noise of its own.
                    row[j] += Fraction * (Target - row[j]) + 1e-3f * ((j + r) % 3 - 1);
                }
            }

            RunAll(r => averagers[r].Exchange(1), ranks);
        }

        float error = MathF.Abs(live[0].Row(0)[0] - Target);
        Assert.True(converges ? error < 0.05f : error > 10, $"{rule} on {ranks} ranks: {error} off the target after 15 syncs");
        Assert.All(live, matrix => Assert.Equal(live[0].Row(0).ToArray(), matrix.Row(0).ToArray()));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    [Fact]
    public void SumRule_AddsEveryChange_SoASharedMoveIsMadeThreeTimes()
    {
        EmbeddingMatrix[] live = Exchange(CombineRule.Sum, out _);

        AssertRow([3.5f, -0.25f, 0.125f, 1], live[0].Row(0));
        AssertRow([1.5f, -0.25f, 1.125f, 1], live[0].Row(2));
    }

    [Fact]
    public void AverageRule_DividesByTheRanksThatChangedTheRow()
    {
        EmbeddingMatrix[] live = Exchange(CombineRule.Average, out _);

        AssertRow([1.5f, -0.25f, 0.125f, 1], live[0].Row(0));
        AssertRow([0.5f, 0.75f, 0.125f, 1], live[0].Row(1));
        AssertRow([1f, -0.25f, 0.625f, 1], live[0].Row(2));
    }

    [Fact]
    public void AfterAnExchange_EveryRanksBaseIsTheSame_SoTheNextExchangeSendsOnlyNewChanges()
    {
        var collectives = new InProcessCollectives(Ranks);
        EmbeddingMatrix[] live = Setup();
        RowAverager[] averagers = [.. Enumerable.Range(0, Ranks).Select(r => new RowAverager(collectives.Rank(r), live[r], CombineRule.Adaptive))];
        Change(live);
        RunAll(r => averagers[r].Exchange(live[r].Rows));

        // Nobody changed anything since: nothing travels, nothing moves.
        int[] second = RunAll(r => averagers[r].Exchange(live[r].Rows));
        Assert.All(second, count => Assert.Equal(0, count));

        // Rank 2 alone moves row 4 (a hot-row sync of the first 5 rows): every rank gets exactly rank 2's row.
        live[2].Row(4)[1] = 7;
        int[] third = RunAll(r => averagers[r].Exchange(5));
        Assert.All(third, count => Assert.Equal(1, count));
        Assert.All(live, matrix => AssertRow([0.5f, 7, 0.125f, 1], matrix.Row(4)));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    /// <summary>
    /// bfloat16 syncs round each rank's change to 8 significant bits; what the rounding loses stays in that rank's live
    /// row (error feedback) and travels at the next sync, so after one more sync the rows are every change's sum up to
    /// the rounding of the small remainders (without the feedback they would stay 1e-4 off), and an exact sync (the
    /// final one) leaves every rank with the same bits. The gathered changes are added up on every rank alike, so the
    /// bases, which the next exact sync starts from, stay identical.
    /// </summary>
    [Fact]
    public void Bf16_KeepsWhatRoundingLost_ForTheNextSync()
    {
        const int ranks = 2;
        var collectives = new InProcessCollectives(ranks);
        var live = new EmbeddingMatrix[ranks];
        var averagers = new RowAverager[ranks];
        // Neither rank's change is a bfloat16 number; their sum is (0.5, 0.25, 0, −0.125).
        float[][] changes = [[0.25f + 1e-4f, 0.125f - 1e-4f, 0, -0.0625f + 5e-5f], [0.25f - 1e-4f, 0.125f + 1e-4f, 0, -0.0625f - 5e-5f]];
        for (int r = 0; r < ranks; r++)
        {
            live[r] = new EmbeddingMatrix(2, Dim);
            s_base.CopyTo(live[r].Row(0));
            s_base.CopyTo(live[r].Row(1));
            averagers[r] = new RowAverager(collectives.Rank(r), live[r], CombineRule.Adaptive);
            for (int j = 0; j < Dim; j++)
            {
                live[r].Row(0)[j] += changes[r][j];
            }
        }

        float[] exact = [.. Enumerable.Range(0, Dim).Select(j => s_base[j] + changes[0][j] + changes[1][j])];
        Assert.All(RunAll(r => averagers[r].Exchange(2, bf16: true), ranks), count => Assert.Equal(1, count));
        float firstError = live.Max(m => Enumerable.Range(0, Dim).Max(j => MathF.Abs(m.Row(0)[j] - exact[j])));
        float rankGap = Enumerable.Range(0, Dim).Max(j => MathF.Abs(live[0].Row(0)[j] - live[1].Row(0)[j]));
        Assert.InRange(firstError, 1e-5f, 1e-3f);
        Assert.True(rankGap > 0, "each rank keeps its own rounding loss until the next sync");

        RunAll(r => averagers[r].Exchange(2, bf16: true), ranks);
        float secondError = live.Max(m => Enumerable.Range(0, Dim).Max(j => MathF.Abs(m.Row(0)[j] - exact[j])));
        Assert.True(secondError < 1e-5f, $"{secondError} off the exact sum after the loss travelled");

        RunAll(r => averagers[r].Exchange(2), ranks);
        Assert.Equal(live[0].Row(0).ToArray(), live[1].Row(0).ToArray());
        Assert.All(live, m => AssertRow(exact, m.Row(0)));
        Assert.All(live, m => AssertRow(s_base, m.Row(1)));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    /// <summary>
    /// The combining rule on gathered bfloat16 changes is the summed single-precision one: the changes of the 3-rank
    /// case are bfloat16 numbers, so both give the same rows (the same move on every rank made twice, not three times).
    /// </summary>
    [Fact]
    public void Bf16_CombinesAsTheSum_WhenTheChangesAreExact()
    {
        var collectives = new InProcessCollectives(Ranks);
        EmbeddingMatrix[] live = Setup();
        RowAverager[] averagers = [.. Enumerable.Range(0, Ranks).Select(r => new RowAverager(collectives.Rank(r), live[r], CombineRule.Adaptive))];
        Change(live);
        int[] exchanged = RunAll(r => averagers[r].Exchange(live[r].Rows, bf16: true));
        EmbeddingMatrix[] summed = Exchange(CombineRule.Adaptive, out _);
        Assert.All(exchanged, count => Assert.Equal(4, count));
        for (int r = 0; r < Ranks; r++)
        {
            for (int row = 0; row < 5; row++)
            {
                Assert.Equal(summed[r].Row(row).ToArray(), live[r].Row(row).ToArray());
            }
        }

        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    private static EmbeddingMatrix[] Exchange(CombineRule rule, out int[] exchanged)
    {
        var collectives = new InProcessCollectives(Ranks);
        EmbeddingMatrix[] live = Setup();
        RowAverager[] averagers = [.. Enumerable.Range(0, Ranks).Select(r => new RowAverager(collectives.Rank(r), live[r], rule))];
        Change(live);
        exchanged = RunAll(r => averagers[r].Exchange(live[r].Rows));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }

        return live;
    }

    private static EmbeddingMatrix[] Setup()
    {
        var live = new EmbeddingMatrix[Ranks];
        for (int r = 0; r < Ranks; r++)
        {
            live[r] = new EmbeddingMatrix(5, Dim);
            for (int row = 0; row < 5; row++)
            {
                s_base.CopyTo(live[r].Row(row));
            }
        }

        return live;
    }

    /// <summary>The interval's training, per rank.</summary>
    private static void Change(EmbeddingMatrix[] live)
    {
        for (int r = 0; r < Ranks; r++)
        {
            live[r].Row(0)[0] += 1;
        }

        live[1].Row(1)[1] += 1;
        live[0].Row(2)[0] += 1;
        live[2].Row(2)[2] += 1;
        live[0].Row(3)[0] += 0.75f;
        live[1].Row(3)[0] -= 0.25f;
        live[1].Row(3)[3] += 0.5f;
    }

    private static int[] RunAll(Func<int, int> step, int ranks = Ranks) => RankThreads.RunAll(step, ranks);

    private static void AssertRow(float[] expected, Span<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}

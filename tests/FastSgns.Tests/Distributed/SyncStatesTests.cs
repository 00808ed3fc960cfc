using FastSgns.Distributed;
using FastSgns.Embeddings;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// A sync is one collective: every rank's state (words, done, …) travels in the row sum, each rank in its own slot
/// of 16-bit pieces, and comes back exact beside the summed rows. The rows are 100 wide, so the one-pass packing's
/// vector loop and its scalar tail both carry changes. 3 ranks simulated in one process, no MPI.
/// </summary>
public sealed class SyncStatesTests
{
    private const int Ranks = 3;
    private const int Dim = 100;
    private const int Fields = 5;

    [Fact]
    public void States_TravelInTheRowSum_ExactOnEveryRank_AndTheRowsSumAsWithout()
    {
        var collectives = new InProcessCollectives(Ranks);
        EmbeddingMatrix[] live = [.. Enumerable.Range(0, Ranks).Select(_ => Rows())];
        var states = new SyncStates[Ranks];
        var exchanges = new RowExchange[Ranks];
        var averagers = new RowAverager[Ranks];
        for (int r = 0; r < Ranks; r++)
        {
            averagers[r] = new RowAverager(live[r], CombineRule.Adaptive);
            states[r] = new SyncStates(r, Ranks, Fields);
            exchanges[r] = new RowExchange(collectives.Rank(r), [averagers[r]], states[r]);
            // Words near the 2^40 limit, flags, and a field that differs only in its lowest and highest piece.
            long[] mine = [(1L << 40) - 1 - r, r % 2, 0, 1, (1L << 47) + r];
            mine.CopyTo(states[r].Mine, 0);
        }

        // Row 0: every rank moves element 3 (the vector loop); row 1: rank 1 alone moves element 98 (the tail);
        // row 2: rank 2 moves element 50 by 1e-30, too little to square in single precision; row 3: nobody.
        for (int r = 0; r < Ranks; r++)
        {
            live[r].Row(0)[3] += 0.5f;
        }

        live[1].Row(1)[98] -= 2;
        live[2].Row(2)[50] += 1e-30f;

        int[] changed = RankThreads.RunAll(r => exchanges[r].Exchange([(0, 4)], withStates: true), Ranks);

        Assert.All(changed, count => Assert.Equal(3, count));
        long[] expected = [.. Enumerable.Range(0, Ranks).SelectMany(r => states[r].Mine)];
        Assert.All(states, s => Assert.Equal(expected, s.All));
        EmbeddingMatrix start = Rows();
        foreach (EmbeddingMatrix matrix in live)
        {
            // The same move made on three ranks applies at most twice (the adaptive rule); the others add up.
            Assert.Equal(start.Row(0)[3] + 1f, matrix.Row(0)[3], 6);
            Assert.Equal(start.Row(1)[98] - 2f, matrix.Row(1)[98], 6);
            Assert.Equal(start.Row(2)[50] + 1e-30f, matrix.Row(2)[50]);
            Assert.Equal(start.Row(3).ToArray(), matrix.Row(3).ToArray());
            Assert.Equal(live[0].Row(0).ToArray(), matrix.Row(0).ToArray());
        }

        // With nothing changed since, the next sync carries only the states: no row counts as changed.
        states[0].Mine[0] = 7;
        int[] again = RankThreads.RunAll(r => exchanges[r].Exchange([(0, 4)], withStates: true), Ranks);
        Assert.All(again, count => Assert.Equal(0, count));
        Assert.All(states, s => Assert.Equal(7, s.All[0]));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    [Fact]
    public void AFieldOutsideWhatThePiecesHold_IsRefused()
    {
        var states = new SyncStates(0, 1, 1);
        states.Mine[0] = SyncStates.Limit;
        Assert.Throws<InvalidOperationException>(() => states.Write(new float[states.Length]));
        states.Mine[0] = -1;
        Assert.Throws<InvalidOperationException>(() => states.Write(new float[states.Length]));
    }

    /// <summary>Four rows of distinct values (so every element's change is visible).</summary>
    private static EmbeddingMatrix Rows()
    {
        var matrix = new EmbeddingMatrix(4, Dim);
        for (int row = 0; row < 4; row++)
        {
            for (int j = 0; j < Dim; j++)
            {
                matrix.Row(row)[j] = 0.01f * (j + 1) - 0.3f * row;
            }
        }

        // Zero, so that a change of 1e-30 is not lost to rounding.
        matrix.Row(2)[50] = 0;

        return matrix;
    }
}

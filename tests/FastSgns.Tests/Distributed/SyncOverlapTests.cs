using FastSgns.Distributed;
using FastSgns.Embeddings;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// A sync runs while the workers train on: each rank packs its rows' changes, the sum is in flight, and meanwhile the
/// workers go on changing rows. These tests make such changes inside the collective (2 ranks simulated in one process)
/// and check that none is lost: the live row ends at the new base plus what was made during the sync, that change
/// travels at the next sync, and after a sync of every row the ranks hold the same bits.
/// </summary>
public sealed class SyncOverlapTests
{
    private const int Ranks = 2;
    private const int Dim = 4;
    private static readonly float[] s_base = [0.5f, -0.25f, 0.125f, 1];

    /// <param name="bf16">The first sync sends bfloat16 changes, gathered (the changes here are bfloat16 numbers, so it
    /// rounds nothing away): a change made during it is kept the same way, without a copy of the rows sent.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChangesMadeDuringASync_AreKept_TravelAtTheNext_AndTheRanksEndBitIdentical(bool bf16)
    {
        var collectives = new InProcessCollectives(Ranks);
        var live = new EmbeddingMatrix[Ranks];
        var inFlight = new InFlight[Ranks];
        var averagers = new RowAverager[Ranks];
        for (int r = 0; r < Ranks; r++)
        {
            live[r] = new EmbeddingMatrix(3, Dim);
            for (int row = 0; row < 3; row++)
            {
                s_base.CopyTo(live[r].Row(row));
            }

            inFlight[r] = new InFlight(collectives.Rank(r));
            averagers[r] = new RowAverager(inFlight[r], live[r], CombineRule.Adaptive);
        }

        // The interval: both ranks move row 0, in unrelated directions (so both moves count).
        live[0].Row(0)[0] += 1;
        live[1].Row(0)[1] += 0.5f;
        // During the sync of rows 0 and 2 (row 1 waits for a later sync): rank 0's worker moves rows 0 and 2 again,
        // rank 1's row 1.
        inFlight[0].During = () =>
        {
            live[0].Row(0)[2] += 0.25f;
            live[0].Row(2)[3] += 2;
        };
        inFlight[1].During = () => live[1].Row(1)[0] += 3;
        RunAll(r => averagers[r].Exchange([(0, 1), (2, 1)], bf16));

        AssertRow([1.5f, 0.25f, 0.375f, 1], live[0].Row(0));
        AssertRow([1.5f, 0.25f, 0.125f, 1], live[1].Row(0));
        AssertRow([0.5f, -0.25f, 0.125f, 3], live[0].Row(2));
        AssertRow(s_base, live[1].Row(2));
        AssertRow([3.5f, -0.25f, 0.125f, 1], live[1].Row(1));
        AssertRow(s_base, live[0].Row(1));

        // The final sync takes every row: what was made during the first sync reaches the other rank, bit for bit.
        int changed = RunAll(r => averagers[r].Exchange(3))[0];
        Assert.Equal(3, changed);
        for (int row = 0; row < 3; row++)
        {
            Assert.Equal(live[0].Row(row).ToArray(), live[1].Row(row).ToArray());
        }

        AssertRow([1.5f, 0.25f, 0.375f, 1], live[0].Row(0));
        AssertRow([3.5f, -0.25f, 0.125f, 1], live[0].Row(1));
        AssertRow([0.5f, -0.25f, 0.125f, 3], live[0].Row(2));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    /// <summary>The tree's hottest rows are its last: a range of hotness ranks [0, 1) is its last row.</summary>
    [Fact]
    public void HotAtEnd_RangesCountFromTheLastRow()
    {
        var collectives = new InProcessCollectives(Ranks);
        var live = new EmbeddingMatrix[Ranks];
        var averagers = new RowAverager[Ranks];
        for (int r = 0; r < Ranks; r++)
        {
            live[r] = new EmbeddingMatrix(3, Dim);
            for (int row = 0; row < 3; row++)
            {
                s_base.CopyTo(live[r].Row(row));
            }

            averagers[r] = new RowAverager(collectives.Rank(r), live[r], CombineRule.Adaptive, hotAtEnd: true);
        }

        live[1].Row(2)[0] += 1;
        live[1].Row(0)[0] += 1;
        Assert.All(RunAll(r => averagers[r].Exchange([(0, 1)])), count => Assert.Equal(1, count));
        AssertRow([1.5f, -0.25f, 0.125f, 1], live[0].Row(2));
        AssertRow(s_base, live[0].Row(0));
        foreach (RowAverager averager in averagers)
        {
            averager.Dispose();
        }
    }

    /// <summary>The collectives, with an action run once inside one, after the rows were packed: a worker's update in flight.</summary>
    private sealed class InFlight(IRowCollectives inner) : IRowCollectives
    {
        public Action? During { get; set; }

        public int Ranks => inner.Ranks;

        public int Rank => inner.Rank;

        public void Sum(ReadOnlySpan<float> send, Span<float> receive)
        {
            RunDuring();
            inner.Sum(send, receive);
        }

        public void Gather(ReadOnlySpan<ushort> send, Span<ushort> receive)
        {
            RunDuring();
            inner.Gather(send, receive);
        }

        private void RunDuring()
        {
            Action? during = During;
            During = null;
            during?.Invoke();
        }
    }

    private static int[] RunAll(Func<int, int> step) => RankThreads.RunAll(step, Ranks);

    private static void AssertRow(float[] expected, Span<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }
}

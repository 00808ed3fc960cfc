using FastSgns.Distributed;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// MPI's row collectives (the sum, the gather) for ranks simulated by threads of one process: each rank leaves its buffer, all meet at
/// a barrier, each adds the buffers up in rank order (so every rank gets the same sums, as MPI promises), and all meet
/// again before a buffer may be reused.
/// </summary>
internal sealed class InProcessCollectives
{
    private readonly Barrier _barrier;
    private readonly float[][] _floats;
    private readonly ushort[][] _shorts;

    public InProcessCollectives(int ranks)
    {
        _barrier = new Barrier(ranks);
        _floats = new float[ranks][];
        _shorts = new ushort[ranks][];
    }

    public int Ranks => _floats.Length;

    public IRowCollectives Rank(int rank) => new View(this, rank);

    private sealed class View(InProcessCollectives all, int rank) : IRowCollectives
    {
        public void Sum(ReadOnlySpan<float> send, Span<float> receive)
        {
            all._floats[rank] = send.ToArray();
            all._barrier.SignalAndWait();
            receive.Clear();
            foreach (float[] other in all._floats)
            {
                for (int i = 0; i < receive.Length; i++)
                {
                    receive[i] += other[i];
                }
            }

            all._barrier.SignalAndWait();
        }

        public int Ranks => all.Ranks;

        public int Rank => rank;

        public void Gather(ReadOnlySpan<ushort> send, Span<ushort> receive)
        {
            all._shorts[rank] = send.ToArray();
            all._barrier.SignalAndWait();
            for (int r = 0; r < all.Ranks; r++)
            {
                all._shorts[r].CopyTo(receive[(r * send.Length)..]);
            }

            all._barrier.SignalAndWait();
        }
    }
}

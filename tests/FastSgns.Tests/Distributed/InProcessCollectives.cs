using FastSgns.Distributed;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// MPI's row collective (the sum) for ranks simulated by threads of one process: each rank leaves its buffer, all meet at
/// a barrier, each adds the buffers up in rank order (so every rank gets the same sums, as MPI promises), and all meet
/// again before a buffer may be reused.
/// </summary>
internal sealed class InProcessCollectives
{
    private readonly Barrier _barrier;
    private readonly float[][] _floats;

    public InProcessCollectives(int ranks)
    {
        _barrier = new Barrier(ranks);
        _floats = new float[ranks][];
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

        public void Sum(ReadOnlySpan<Half> send, Span<Half> receive)
        {
            // Summed in single precision and rounded once: for 2 ranks what Open MPI's reduction with our operation gives.
            var wide = new float[send.Length];
            for (int i = 0; i < send.Length; i++)
            {
                wide[i] = (float)send[i];
            }

            var sums = new float[send.Length];
            Sum(wide, sums);
            for (int i = 0; i < send.Length; i++)
            {
                receive[i] = (Half)sums[i];
            }
        }
    }
}

using System.Numerics.Tensors;
using FastSgns.Interop;

namespace FastSgns.Distributed;

/// <summary>
/// The rows of one sync, every matrix's together: the rows each <see cref="RowAverager"/> is due to exchange are packed
/// one matrix after the other into one buffer and summed over the ranks with one allreduce (several, of a few MB each,
/// when the rows do not fit: the sync of every row at the end). One collective per sync for the rows instead of two
/// per matrix: on a 2-core machine each collective's round trips, polled with sleeps, cost the ranks more time than
/// its bytes. The buffers are allocated once.
/// </summary>
internal sealed class RowExchange
{
    private const int ChunkBytes = 4 << 20;

    private readonly IRowCollectives _world;
    private readonly RowAverager[] _matrices;
    private readonly int _dim;
    private readonly int _chunkRows;
    private readonly float[] _send;
    private readonly float[] _receive;
    private readonly float[] _snapshot;
    private Half[] _sendHalves = [];
    private Half[] _receiveHalves = [];
    private (int Matrix, int From, int Count)[] _pieces;

    /// <summary>CPU nanoseconds of the calling thread spent packing the rows, in the collectives (polls, Open MPI's copies and sums) and applying the sums.</summary>
    public (long Pack, long Sum, long Apply) CpuNanoseconds => (_packCpu, _sumCpu, _applyCpu);

    private long _packCpu, _sumCpu, _applyCpu;

    private readonly SyncStates? _states;

    /// <param name="states">The ranks' states a sync may carry in its first chunk (<see cref="SyncStates"/>); null: none.</param>
    public RowExchange(IRowCollectives world, RowAverager[] matrices, SyncStates? states = null)
    {
        _world = world;
        _states = states;
        _matrices = matrices;
        _dim = matrices[0].Dim;
        if (matrices.Any(m => m.Dim != _dim))
        {
            throw new ArgumentException("the matrices of one exchange must have one width.");
        }

        int width = _dim + 2;
        int allRows = matrices.Sum(m => m.Rows);
        _chunkRows = Math.Max(1, Math.Min(allRows, ChunkBytes / (width * sizeof(float))));
        _send = new float[_chunkRows * width + (states?.Length ?? 0)];
        _receive = new float[_send.Length];
        _snapshot = new float[_chunkRows * _dim];
        _pieces = new (int, int, int)[matrices.Length];
    }

    /// <summary>
    /// Exchanges the rows <paramref name="ranges"/> names (ranges of hotness ranks, 0 the most frequent word; each
    /// matrix takes those it has) of every matrix; returns how many of them some rank had changed. Every rank calls it
    /// with the same ranges, <paramref name="halfPrecision"/> and <paramref name="withStates"/>: with it, the first
    /// chunk also carries the ranks' <see cref="SyncStates"/> (single precision only), read back before this returns. In half
    /// precision each rank sends its changes rounded to 16 bits and keeps what the rounding lost in its live rows
    /// (error feedback: the row then differs from the base by that much, so the next sync sends it), so nothing a
    /// worker learnt is lost, only delayed by a sync; the bases stay identical, since every rank adds the same sums.
    /// </summary>
    public int Exchange(IReadOnlyList<(int From, int Count)> ranges, bool halfPrecision = false, bool withStates = false)
    {
        if (withStates && (_states is null || halfPrecision))
        {
            throw new InvalidOperationException("the ranks' states travel only in an exchange made for them, in single precision.");
        }

        int width = _dim + 2;
        int changed = 0;
        int matrix = 0, range = 0, done = 0;
        // The states lead the first chunk; the rows follow them.
        int header = withStates ? _states!.Length : 0;
        while (true)
        {
            long clock = MpiThreadClock.Nanoseconds();
            if (header > 0)
            {
                _states!.Write(_send);
            }

            // Fill one chunk with the next rows, across ranges and matrices.
            Span<float> send = _send.AsSpan(header), receive = _receive.AsSpan(header);
            int pieces = 0, filled = 0;
            while (matrix < _matrices.Length && filled < _chunkRows)
            {
                if (range == ranges.Count)
                {
                    matrix++;
                    range = 0;
                    continue;
                }

                (int from, int count) = ranges[range];
                count = Math.Max(0, Math.Min(count, _matrices[matrix].Rows - from));
                int n = Math.Min(count - done, _chunkRows - filled);
                if (n > 0)
                {
                    _matrices[matrix].Pack(from + done, n, send.Slice(filled * width, n * width), _snapshot.AsSpan(filled * _dim, n * _dim));
                    EnsurePieces(pieces + 1);
                    _pieces[pieces++] = (matrix, from + done, n);
                    filled += n;
                    done += n;
                }

                if (done >= count)
                {
                    range++;
                    done = 0;
                }
            }

            if (filled == 0 && header == 0)
            {
                _packCpu += MpiThreadClock.Nanoseconds() - clock;
                return changed;
            }

            long packed = MpiThreadClock.Nanoseconds();
            _packCpu += packed - clock;
            if (halfPrecision)
            {
                SumHalves(filled * width, pieces);
            }
            else
            {
                _world.Sum(_send.AsSpan(0, header + filled * width), _receive.AsSpan(0, header + filled * width));
            }

            long summed = MpiThreadClock.Nanoseconds();
            _sumCpu += summed - packed;
            if (header > 0)
            {
                _states!.Read(_receive);
                header = 0;
            }

            int offset = 0;
            for (int p = 0; p < pieces; p++)
            {
                (int m, int start, int n) = _pieces[p];
                changed += _matrices[m].Apply(start, n, receive.Slice(offset * width, n * width), _snapshot.AsSpan(offset * _dim, n * _dim));
                offset += n;
            }

            _applyCpu += MpiThreadClock.Nanoseconds() - summed;
        }
    }

    /// <summary>A chunk holds a piece per range and matrix at most; the array grows (rarely: once per new schedule) to fit.</summary>
    private void EnsurePieces(int count)
    {
        if (count > _pieces.Length)
        {
            Array.Resize(ref _pieces, Math.Max(count, 2 * _pieces.Length));
        }
    }

    /// <summary>
    /// Rounds the packed changes to half precision, makes each row's copy sent base + its rounded change (so the live
    /// row keeps what the rounding lost), sums the halves over the ranks and widens the sums into the receive buffer.
    /// </summary>
    private void SumHalves(int length, int pieces)
    {
        if (_sendHalves.Length == 0)
        {
            _sendHalves = new Half[_send.Length];
            _receiveHalves = new Half[_send.Length];
        }

        Span<float> send = _send.AsSpan(0, length);
        TensorPrimitives.ConvertToHalf(send, _sendHalves.AsSpan(0, length));
        TensorPrimitives.ConvertToSingle(_sendHalves.AsSpan(0, length), send);
        int width = _dim + 2, offset = 0;
        for (int p = 0; p < pieces; p++)
        {
            (int m, int start, int n) = _pieces[p];
            _matrices[m].Rebase(start, n, send.Slice(offset * width, n * width), _snapshot.AsSpan(offset * _dim, n * _dim));
            offset += n;
        }

        _world.Sum(_sendHalves.AsSpan(0, length), _receiveHalves.AsSpan(0, length));
        TensorPrimitives.ConvertToSingle(_receiveHalves.AsSpan(0, length), _receive.AsSpan(0, length));
    }
}

using FastSgns.Interop;

namespace FastSgns.Distributed;

/// <summary>
/// The rows of one sync, every matrix's together: the rows each <see cref="RowAverager"/> is due to exchange are packed
/// one matrix after the other into one buffer and summed over the ranks with one allreduce (several, of a few MB each,
/// when the rows do not fit: the sync of every row at the end). One collective per sync for the rows instead of two
/// per matrix: on a 2-core machine each collective's round trips, polled with sleeps, cost the ranks more time than
/// its bytes. The buffers are allocated once. A periodic sync may instead send bfloat16 changes and gather them from
/// every rank (<see cref="ExchangeBf16"/>).
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
    private ushort[] _sendBf16 = [];
    private ushort[] _gathered = [];
    private readonly float[] _sumRow;
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
        _sumRow = new float[width];
        _pieces = new (int, int, int)[matrices.Length];
    }

    /// <summary>
    /// Exchanges the rows <paramref name="ranges"/> names (ranges of hotness ranks, 0 the most frequent word; each
    /// matrix takes those it has) of every matrix; returns how many of them some rank had changed. Every rank calls it
    /// with the same ranges, <paramref name="bf16"/> and <paramref name="withStates"/>: with it, the first chunk also
    /// carries the ranks' <see cref="SyncStates"/>, read back before this returns. With <paramref name="bf16"/> the
    /// changes travel rounded to bfloat16 and gathered (<see cref="ExchangeBf16"/>), otherwise exact and summed.
    /// </summary>
    public int Exchange(IReadOnlyList<(int From, int Count)> ranges, bool bf16 = false, bool withStates = false)
    {
        if (withStates && _states is null)
        {
            throw new InvalidOperationException("the ranks' states travel only in an exchange made for them.");
        }

        if (bf16)
        {
            return ExchangeBf16(ranges, withStates);
        }

        int width = _dim + 2;
        int changed = 0;
        var cursor = new Cursor();
        // The states lead the first chunk; the rows follow them.
        int header = withStates ? _states!.Length : 0;
        while (true)
        {
            long clock = MpiThreadClock.Nanoseconds();
            if (header > 0)
            {
                _states!.Write(_send);
            }

            Span<float> send = _send.AsSpan(header), receive = _receive.AsSpan(header);
            (int pieces, int filled) = Fill(ranges, ref cursor, send, default);
            if (filled == 0 && header == 0)
            {
                _packCpu += MpiThreadClock.Nanoseconds() - clock;
                return changed;
            }

            long packed = MpiThreadClock.Nanoseconds();
            _packCpu += packed - clock;
            _world.Sum(_send.AsSpan(0, header + filled * width), _receive.AsSpan(0, header + filled * width));

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

    /// <summary>
    /// The rows as bfloat16 changes (<see cref="RowAverager.PackBf16"/>), gathered from every rank (an allgather: each
    /// rank's block travels as it is, so no rank's rounded change is rounded again in a sum), each rank's block led by
    /// its state when <paramref name="withStates"/>. Up to 3 ranks a gather moves fewer bytes per rank than a ring
    /// allreduce of single-precision changes ((N−1)·B/2 against 2(N−1)/N·B), and as many at 4.
    /// </summary>
    private int ExchangeBf16(IReadOnlyList<(int From, int Count)> ranges, bool withStates)
    {
        int width = _dim + 2, ranks = _world.Ranks, self = _world.Rank;
        int headerLength = _states?.GatheredLength ?? 0;
        if (_sendBf16.Length == 0)
        {
            _sendBf16 = new ushort[headerLength + (_chunkRows * width)];
            _gathered = new ushort[ranks * _sendBf16.Length];
        }

        int changed = 0;
        var cursor = new Cursor();
        int header = withStates ? headerLength : 0;
        while (true)
        {
            long clock = MpiThreadClock.Nanoseconds();
            if (header > 0)
            {
                _states!.WriteGathered(_sendBf16);
            }

            (int pieces, int filled) = Fill(ranges, ref cursor, default, _sendBf16.AsSpan(header));
            if (filled == 0 && header == 0)
            {
                _packCpu += MpiThreadClock.Nanoseconds() - clock;
                return changed;
            }

            long packed = MpiThreadClock.Nanoseconds();
            _packCpu += packed - clock;
            int stride = header + (filled * width);
            _world.Gather(_sendBf16.AsSpan(0, stride), _gathered.AsSpan(0, ranks * stride));
            long gathered = MpiThreadClock.Nanoseconds();
            _sumCpu += gathered - packed;
            if (header > 0)
            {
                _states!.ReadGathered(_gathered, stride);
            }

            int offset = header;
            for (int p = 0; p < pieces; p++)
            {
                (int m, int start, int n) = _pieces[p];
                changed += _matrices[m].ApplyBf16(start, n, _gathered.AsSpan(0, ranks * stride), offset, stride, ranks, self, _sumRow);
                offset += n * width;
            }

            header = 0;
            _applyCpu += MpiThreadClock.Nanoseconds() - gathered;
        }
    }

    /// <summary>Where the filling of chunks stands: the matrix, the range, the rows of it done.</summary>
    private struct Cursor
    {
        public int Matrix;
        public int Range;
        public int Done;
    }

    /// <summary>
    /// Packs the next rows, across ranges and matrices, into one chunk: single precision into <paramref name="send"/>
    /// (copies sent into the snapshot), or bfloat16 into <paramref name="sendBf16"/> when <paramref name="send"/> is
    /// empty. Returns the pieces (<see cref="_pieces"/>) and rows packed.
    /// </summary>
    private (int Pieces, int Filled) Fill(IReadOnlyList<(int From, int Count)> ranges, ref Cursor at, Span<float> send, Span<ushort> sendBf16)
    {
        int width = _dim + 2;
        int pieces = 0, filled = 0;
        while (at.Matrix < _matrices.Length && filled < _chunkRows)
        {
            if (at.Range == ranges.Count)
            {
                at.Matrix++;
                at.Range = 0;
                continue;
            }

            (int from, int count) = ranges[at.Range];
            count = Math.Max(0, Math.Min(count, _matrices[at.Matrix].Rows - from));
            int n = Math.Min(count - at.Done, _chunkRows - filled);
            if (n > 0)
            {
                RowAverager averager = _matrices[at.Matrix];
                if (send.IsEmpty)
                {
                    averager.PackBf16(from + at.Done, n, sendBf16.Slice(filled * width, n * width));
                }
                else
                {
                    averager.Pack(from + at.Done, n, send.Slice(filled * width, n * width), _snapshot.AsSpan(filled * _dim, n * _dim));
                }

                EnsurePieces(pieces + 1);
                _pieces[pieces++] = (at.Matrix, from + at.Done, n);
                filled += n;
                at.Done += n;
            }

            if (at.Done >= count)
            {
                at.Range++;
                at.Done = 0;
            }
        }

        return (pieces, filled);
    }

    /// <summary>A chunk holds a piece per range and matrix at most; the array grows (rarely: once per new schedule) to fit.</summary>
    private void EnsurePieces(int count)
    {
        if (count > _pieces.Length)
        {
            Array.Resize(ref _pieces, Math.Max(count, 2 * _pieces.Length));
        }
    }
}

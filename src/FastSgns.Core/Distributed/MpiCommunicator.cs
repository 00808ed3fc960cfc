using FastSgns.Interop;

namespace FastSgns.Distributed;

/// <summary>
/// MPI_COMM_WORLD for this process: initialised once (MPI_THREAD_SERIALIZED: only the training thread calls MPI),
/// collective operations only, and a count of the bytes this rank hands to them (its payload; a ring allreduce puts
/// about 2(N−1)/N of it on the wire). Disposing finalises MPI; <see cref="Abort"/> ends every rank of the job.
/// </summary>
internal sealed unsafe class MpiCommunicator : IRowCollectives, IDisposable
{
    /// <summary>
    /// Microseconds to sleep between polls of a collective that is not done after a few quick ones. Open MPI moves a
    /// large message in many steps, each started by a poll, so the sleep sets how long an exchange of a few MB takes:
    /// with 1 ms sleeps a 1.9 MB allreduce on loopback took ~12 ms, with 0.2 ms ~3.5 ms (bench/distributed-poll.c), for
    /// less CPU than spinning (each poll is a few µs). FASTSGNS_SYNC_WAIT=spin polls without sleeping (as a
    /// blocking collective waits), FASTSGNS_SYNC_WAIT=N sleeps N µs: the comparisons in DISTRIBUTED.md.
    /// </summary>
    private static readonly int s_sleepMicroseconds = Environment.GetEnvironmentVariable("FASTSGNS_SYNC_WAIT") switch
    {
        "spin" => 0,
        string text when int.TryParse(text, out int microseconds) && microseconds >= 0 => microseconds,
        _ => DefaultPollSleepMicroseconds,
    };

    public const int DefaultPollSleepMicroseconds = 100;

    private readonly MpiHandles _mpi;
    private bool _finalized;

    public int Rank { get; }

    public int Size { get; }

    public string LibraryVersion => _mpi.Version;

    /// <summary>Bytes this rank passed to collectives so far (what it contributes to each allreduce and allgather).</summary>
    public long BytesSent { get; private set; }

    /// <summary>Collective operations called so far.</summary>
    public long Collectives { get; private set; }

    /// <summary>Time the calling thread spent inside collectives (waiting included).</summary>
    public TimeSpan CommunicationTime { get; private set; }

    /// <summary>
    /// A slower link to emulate (bit/s, latency in s): each collective then also sleeps what a ring allreduce of its
    /// bytes would take on it, 2(N−1)/N · bytes / bandwidth + 2(N−1) · latency (a ring allgather: (N−1) · (bytes /
    /// bandwidth + latency)). Null: the real link only.
    /// </summary>
    public (double BitsPerSecond, double Latency)? EmulatedLink { get; set; }

    private double _sleepOwed;

    private MpiCommunicator(MpiHandles mpi, int rank, int size)
    {
        _mpi = mpi;
        Rank = rank;
        Size = size;
    }

    /// <summary>Loads libmpi and initialises MPI; throws <see cref="PlatformNotSupportedException"/> when that cannot be done.</summary>
    public static MpiCommunicator Start()
    {
        MpiHandles mpi = MpiLibrary.Load();
        int provided = 0;
        if (MpiMethods.InitThread(null, null, MpiLibrary.ThreadSerialized, &provided) != 0)
        {
            throw new PlatformNotSupportedException($"MPI_Init_thread failed ({mpi.Version}).");
        }

        if (provided < MpiLibrary.ThreadSerialized)
        {
            MpiMethods.FinalizeCall();
            throw new PlatformNotSupportedException($"the MPI library provides thread level {provided}; distributed training needs MPI_THREAD_SERIALIZED ({mpi.Version}).");
        }

        int rank = 0, size = 0;
        MpiMethods.CommRank(mpi.CommWorld, &rank);
        MpiMethods.CommSize(mpi.CommWorld, &size);
        return new MpiCommunicator(mpi, rank, size);
    }

    /// <summary>Sums <paramref name="send"/> over every rank into <paramref name="receive"/>.</summary>
    public void Sum(ReadOnlySpan<float> send, Span<float> receive)
    {
        long start = Timing();
        nint request = 0;
        fixed (float* s = send)
        fixed (float* r = receive)
        {
            MpiMethods.Iallreduce(s, r, send.Length, _mpi.Float, _mpi.Sum, _mpi.CommWorld, &request);
            Wait(&request);
        }

        Account((long)send.Length * sizeof(float), start);
    }

    public int Ranks => Size;

    /// <summary>Every rank's <paramref name="send"/> in rank order (MPI_Iallgather): what a rank contributes travels as it is, no reduction.</summary>
    public void Gather(ReadOnlySpan<ushort> send, Span<ushort> receive)
    {
        long start = Timing();
        nint request = 0;
        fixed (ushort* s = send)
        fixed (ushort* r = receive)
        {
            MpiMethods.Iallgather(s, send.Length, _mpi.UInt16, r, send.Length, _mpi.UInt16, _mpi.CommWorld, &request);
            Wait(&request);
        }

        Account((long)send.Length * sizeof(ushort), start, gather: true);
    }

    /// <summary>
    /// Drives a nonblocking collective to its end with MPI_Test, sleeping in between. A blocking collective spins on
    /// its core until the slowest rank arrives (up to a sync interval), taking it from the training threads; this
    /// leaves the core to them, at the price of up to a sleep per step of the exchange.
    /// </summary>
    private static void Wait(nint* request)
    {
        int done = 0;
        for (int polls = 0; ; polls++)
        {
            MpiMethods.Test(request, &done, null);
            if (done != 0)
            {
                return;
            }

            if (polls < 16 || s_sleepMicroseconds == 0)
            {
                Thread.Yield();
            }
            else
            {
                // Short sleeps while the exchange is likely moving; a collective still open after ~50 of them waits
                // for a rank that has not arrived yet, and is polled every millisecond, as a wake-up costs CPU.
                MpiPollSleep.Sleep(polls < 16 + ShortSleeps ? s_sleepMicroseconds : Math.Max(s_sleepMicroseconds, 1000));
            }
        }
    }

    /// <summary>Sleeps of <see cref="s_sleepMicroseconds"/> before a collective is polled every millisecond.</summary>
    private const int ShortSleeps = 50;

    /// <summary>Every rank's <paramref name="mine"/>, in rank order (lengths may differ).</summary>
    public byte[][] GatherAll(ReadOnlySpan<byte> mine)
    {
        long start = Timing();
        var lengths = new int[Size];
        int length = mine.Length;
        fixed (int* l = lengths)
        {
            MpiMethods.Allgather(&length, 1, _mpi.Int, l, 1, _mpi.Int, _mpi.CommWorld);
        }

        var displacements = new int[Size];
        long total = 0;
        for (int r = 0; r < Size; r++)
        {
            displacements[r] = (int)total;
            total += lengths[r];
        }

        if (total > int.MaxValue)
        {
            throw new InvalidDataException($"the ranks' tables add up to {total:N0} bytes, more than one MPI gather carries (2 GB).");
        }

        var all = new byte[total];
        fixed (byte* s = mine)
        fixed (byte* a = all)
        fixed (int* l = lengths)
        fixed (int* d = displacements)
        {
            MpiMethods.Allgatherv(s, mine.Length, _mpi.Byte, a, l, d, _mpi.Byte, _mpi.CommWorld);
        }

        Account(sizeof(int) + mine.Length, start);
        var parts = new byte[Size][];
        for (int r = 0; r < Size; r++)
        {
            parts[r] = all.AsSpan(displacements[r], lengths[r]).ToArray();
        }

        return parts;
    }

    /// <summary>Every rank's <paramref name="mine"/> values, in rank order.</summary>
    public long[] GatherAll(ReadOnlySpan<long> mine)
    {
        long start = Timing();
        var all = new long[mine.Length * Size];
        nint request = 0;
        fixed (long* s = mine)
        fixed (long* a = all)
        {
            MpiMethods.Iallgather(s, mine.Length, _mpi.Int64, a, mine.Length, _mpi.Int64, _mpi.CommWorld, &request);
            Wait(&request);
        }

        Account(mine.Length * sizeof(long), start);
        return all;
    }

    /// <summary>
    /// Ends every process of the job with <paramref name="exitCode"/> (MPI_Abort); does not return. A library never
    /// exits its host itself: should the MPI library return from the abort, that is an error thrown to the caller.
    /// </summary>
    public void Abort(int exitCode)
    {
        MpiMethods.Abort(_mpi.CommWorld, exitCode);
        throw new InvalidOperationException($"MPI_Abort({exitCode}) returned; the job was not ended.");
    }

    public void Dispose()
    {
        if (!_finalized)
        {
            _finalized = true;
            MpiMethods.FinalizeCall();
        }
    }

    private static long Timing() => System.Diagnostics.Stopwatch.GetTimestamp();

    /// <param name="gather">An allgather: a ring moves (N−1) times each rank's bytes, in N−1 steps, not an allreduce's 2(N−1)/N in 2(N−1).</param>
    private void Account(long bytes, long start, bool gather = false)
    {
        BytesSent += bytes;
        Collectives++;
        if (EmulatedLink is { } link && Size > 1)
        {
            _sleepOwed += gather
                ? (Size - 1) * (bytes * 8 / link.BitsPerSecond + link.Latency)
                : 2.0 * (Size - 1) / Size * bytes * 8 / link.BitsPerSecond + 2.0 * (Size - 1) * link.Latency;
            if (_sleepOwed >= 1e-3)
            {
                long before = Timing();
                Thread.Sleep(TimeSpan.FromSeconds(_sleepOwed));
                _sleepOwed -= System.Diagnostics.Stopwatch.GetElapsedTime(before).TotalSeconds;
            }
        }

        CommunicationTime += System.Diagnostics.Stopwatch.GetElapsedTime(start);
    }
}

using System.Runtime.ExceptionServices;

namespace FastSgns.Threading;

/// <summary>
/// Background threads that take chunk indices 0..count−1 in turn from one shared counter, so a slow chunk does not
/// hold up a fixed share. The first failure stops every worker at its next chunk and is rethrown, with its own stack,
/// once all have joined; cancellation does the same and surfaces as <see cref="OperationCanceledException"/>.
/// Counting the vocabulary, counting a rank's shard and counting phrases share it.
/// </summary>
internal sealed class ChunkWorkers
{
    private readonly int _count;
    private readonly CancellationToken _cancellation;
    private int _next = -1;
    private Exception? _failure;

    private ChunkWorkers(int count, CancellationToken cancellation)
    {
        _count = count;
        _cancellation = cancellation;
    }

    /// <summary>The next chunk for the calling worker; false once none is left, another worker failed, or the run is cancelled.</summary>
    public bool TryTake(out int index)
    {
        index = Interlocked.Increment(ref _next);
        return index < _count && Volatile.Read(ref _failure) is null && !_cancellation.IsCancellationRequested;
    }

    /// <summary>
    /// Runs <paramref name="worker"/> (given its number, 0..threads−1, and the queue to take chunks from) on
    /// <paramref name="threads"/> background threads named <paramref name="name"/>-N, and waits for all of them.
    /// </summary>
    public static void Run(int threads, int count, string name, Action<int, ChunkWorkers> worker, CancellationToken cancellation)
    {
        var queue = new ChunkWorkers(count, cancellation);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    worker(id, queue);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref queue._failure, e, null);
                }
            }) { IsBackground = true, Name = $"{name}-{t}" };
            workers[t].Start();
        }

        foreach (Thread thread in workers)
        {
            thread.Join();
        }

        if (queue._failure is not null)
        {
            ExceptionDispatchInfo.Throw(queue._failure);
        }

        cancellation.ThrowIfCancellationRequested();
    }
}

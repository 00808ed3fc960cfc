using System.Runtime.ExceptionServices;

namespace FastSgns.Threading;

/// <summary>
/// Produces numbered blocks on worker threads and consumes them on the calling thread strictly in block order (the
/// generator's text blocks, the encoder's id chunks). There are two reusable slots per worker (block b goes into
/// slot b mod their count) and a worker starts a block only when a slot is free, so memory stays at those slots
/// however many blocks there are, and a worker that runs ahead waits instead of queueing finished blocks.
/// </summary>
internal sealed class OrderedPipeline<TSlot> : IDisposable
    where TSlot : class
{
    private readonly long _blocks;
    private readonly Func<TSlot> _createSlot;
    private readonly Action<long, TSlot, CancellationToken> _produce;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _freeSlots;
    private readonly TSlot?[] _slots;
    private readonly ManualResetEventSlim[] _produced;
    private long _claimed;
    private Exception? _failure;

    private OrderedPipeline(long blocks, int slots, Func<TSlot> createSlot, Action<long, TSlot, CancellationToken> produce,
        CancellationToken cancellation)
    {
        _blocks = blocks;
        _createSlot = createSlot;
        _produce = produce;
        _cancellation = cancellation;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _freeSlots = new SemaphoreSlim(slots, slots);
        _slots = new TSlot[slots];
        _produced = new ManualResetEventSlim[slots];
        for (int i = 0; i < slots; i++)
        {
            _produced[i] = new ManualResetEventSlim();
        }
    }

    /// <summary>
    /// Runs <paramref name="produce"/>(block, slot, cancellation) for blocks 0 to <paramref name="blocks"/> − 1 on
    /// up to <paramref name="threads"/> threads, and <paramref name="consume"/>(block, slot) on this thread in block
    /// order; slots come from <paramref name="createSlot"/>, at most two per thread, and are reused. Throws the first
    /// exception of a producer, else OperationCanceledException when cancelled, else the consumer's exception.
    /// </summary>
    public static void Run(long blocks, int threads, Func<TSlot> createSlot, Action<long, TSlot, CancellationToken> produce,
        Action<long, TSlot> consume, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        cancellation.ThrowIfCancellationRequested();
        if (blocks == 0)
        {
            return;
        }

        int workers = (int)Math.Min(threads, blocks);
        using var pipeline = new OrderedPipeline<TSlot>(blocks, 2 * workers, createSlot, produce, cancellation);
        pipeline.Run(consume, workers);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _freeSlots.Dispose();
        foreach (ManualResetEventSlim produced in _produced)
        {
            produced.Dispose();
        }
    }

    private void Run(Action<long, TSlot> consume, int workers)
    {
        var threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            threads[i] = new Thread(Work) { IsBackground = true, Name = $"ordered pipeline {i}" };
            threads[i].Start();
        }

        Exception? consumeFailure = null;
        try
        {
            ConsumeInOrder(consume);
        }
        catch (Exception exception)
        {
            consumeFailure = exception;
            _stop.Cancel();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        // A worker's failure is what cancelled everything else, so it is the one to report; then the caller's own
        // cancellation, which the consumer may have seen only as the linked token's.
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }

        _cancellation.ThrowIfCancellationRequested();
        if (consumeFailure is not null)
        {
            ExceptionDispatchInfo.Throw(consumeFailure);
        }
    }

    private void ConsumeInOrder(Action<long, TSlot> consume)
    {
        CancellationToken stop = _stop.Token;
        for (long block = 0; block < _blocks; block++)
        {
            int slot = (int)(block % _slots.Length);
            _produced[slot].Wait(stop);
            consume(block, _slots[slot]!);
            // Reset before the release: the next worker that gets this slot will set the event again.
            _produced[slot].Reset();
            _freeSlots.Release();
        }
    }

    private void Work()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (true)
            {
                // Holding a free slot before claiming a block keeps every claimed block within the slot count of the
                // next one to consume, so block b's slot (b mod count) was consumed and released already.
                _freeSlots.Wait(stop);
                long block = Interlocked.Increment(ref _claimed) - 1;
                if (block >= _blocks)
                {
                    return;
                }

                int slot = (int)(block % _slots.Length);
                _produce(block, _slots[slot] ??= _createSlot(), stop);
                _produced[slot].Set();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
            _stop.Cancel();
        }
    }
}

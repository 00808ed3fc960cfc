using System.Runtime.ExceptionServices;

namespace FastSgns.Synthetic;

/// <summary>
/// Fills numbered blocks on worker threads and writes them to a stream strictly in block order. There are two
/// reusable buffers per worker (block b goes into buffer b mod their count) and a worker starts a block only when a
/// buffer is free, so memory stays at those buffers however long the output, and a worker that runs ahead waits
/// instead of queueing finished blocks.
/// </summary>
internal sealed class OrderedBlockWriter : IDisposable
{
    private readonly long _blocks;
    private readonly int _bufferBytes;
    private readonly Func<long, byte[], CancellationToken, int> _fill;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _freeBuffers;
    private readonly byte[]?[] _buffers;
    private readonly int[] _lengths;
    private readonly ManualResetEventSlim[] _filled;
    private long _claimed;
    private Exception? _failure;

    private OrderedBlockWriter(long blocks, int buffers, int bufferBytes, Func<long, byte[], CancellationToken, int> fill,
        CancellationToken cancellation)
    {
        _blocks = blocks;
        _bufferBytes = bufferBytes;
        _fill = fill;
        _cancellation = cancellation;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _freeBuffers = new SemaphoreSlim(buffers, buffers);
        _buffers = new byte[buffers][];
        _lengths = new int[buffers];
        _filled = new ManualResetEventSlim[buffers];
        for (int i = 0; i < buffers; i++)
        {
            _filled[i] = new ManualResetEventSlim();
        }
    }

    /// <summary>
    /// Writes blocks 0 to <paramref name="blocks"/> − 1, each filled by <paramref name="fill"/>(block, buffer of
    /// <paramref name="bufferBytes"/> bytes, cancellation), which returns the bytes it used; returns the bytes written.
    /// Throws the first exception of a fill or of the stream, or OperationCanceledException when cancelled.
    /// </summary>
    public static long Write(Stream output, long blocks, int threads, int bufferBytes, Func<long, byte[], CancellationToken, int> fill,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        cancellation.ThrowIfCancellationRequested();
        if (blocks == 0)
        {
            return 0;
        }

        int workers = (int)Math.Min(threads, blocks);
        using var writer = new OrderedBlockWriter(blocks, 2 * workers, bufferBytes, fill, cancellation);
        return writer.Run(output, workers);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _freeBuffers.Dispose();
        foreach (ManualResetEventSlim filled in _filled)
        {
            filled.Dispose();
        }
    }

    private long Run(Stream output, int workers)
    {
        var threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            threads[i] = new Thread(Work) { IsBackground = true, Name = $"block writer {i}" };
            threads[i].Start();
        }

        long bytes = 0;
        Exception? writeFailure = null;
        try
        {
            bytes = WriteInOrder(output);
        }
        catch (Exception exception)
        {
            writeFailure = exception;
            _stop.Cancel();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        // A worker's failure is what cancelled everything else, so it is the one to report; then the caller's own
        // cancellation, which the writer may have seen only as the linked token's.
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }

        _cancellation.ThrowIfCancellationRequested();
        if (writeFailure is not null)
        {
            ExceptionDispatchInfo.Throw(writeFailure);
        }

        return bytes;
    }

    private long WriteInOrder(Stream output)
    {
        CancellationToken stop = _stop.Token;
        long bytes = 0;
        for (long block = 0; block < _blocks; block++)
        {
            int slot = (int)(block % _buffers.Length);
            _filled[slot].Wait(stop);
            output.Write(_buffers[slot]!, 0, _lengths[slot]);
            bytes += _lengths[slot];
            // Reset before the release: the next worker that gets this buffer will set the event again.
            _filled[slot].Reset();
            _freeBuffers.Release();
        }

        return bytes;
    }

    private void Work()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (true)
            {
                // Holding a free buffer before claiming a block keeps every claimed block within the buffer count of
                // the next one to write, so block b's buffer (b mod count) was written out and released already.
                _freeBuffers.Wait(stop);
                long block = Interlocked.Increment(ref _claimed) - 1;
                if (block >= _blocks)
                {
                    return;
                }

                int slot = (int)(block % _buffers.Length);
                byte[] buffer = _buffers[slot] ??= GC.AllocateUninitializedArray<byte>(_bufferBytes);
                _lengths[slot] = _fill(block, buffer, stop);
                _filled[slot].Set();
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

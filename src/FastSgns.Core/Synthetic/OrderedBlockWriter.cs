using FastSgns.Threading;

namespace FastSgns.Synthetic;

/// <summary>
/// Fills numbered byte blocks on worker threads and writes them to a stream strictly in block order, through
/// <see cref="OrderedPipeline{TSlot}"/>: two reusable buffers per worker, so memory stays at those buffers however
/// long the output.
/// </summary>
internal static class OrderedBlockWriter
{
    /// <summary>
    /// Writes blocks 0 to <paramref name="blocks"/> − 1, each filled by <paramref name="fill"/>(block, buffer of
    /// <paramref name="bufferBytes"/> bytes, cancellation), which returns the bytes it used; returns the bytes written.
    /// Throws the first exception of a fill, else OperationCanceledException when cancelled, else the stream's.
    /// </summary>
    public static long Write(Stream output, long blocks, int threads, int bufferBytes, Func<long, byte[], CancellationToken, int> fill,
        CancellationToken cancellation = default)
    {
        long bytes = 0;
        OrderedPipeline<FilledBuffer>.Run(blocks, threads,
            () => new FilledBuffer(GC.AllocateUninitializedArray<byte>(bufferBytes)),
            (block, buffer, stop) => buffer.Length = fill(block, buffer.Bytes, stop),
            (_, buffer) =>
            {
                output.Write(buffer.Bytes, 0, buffer.Length);
                bytes += buffer.Length;
            },
            cancellation);
        return bytes;
    }

    private sealed class FilledBuffer(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;
        public int Length { get; set; }
    }
}

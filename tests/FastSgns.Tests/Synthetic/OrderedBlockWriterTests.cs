using System.Buffers.Binary;
using System.Collections.Concurrent;
using FastSgns.Synthetic;
using FastSgns.Tests.Reliability;

namespace FastSgns.Tests.Synthetic;

public sealed class OrderedBlockWriterTests
{
    /// <summary>Writes the block number as four bytes, slower for every third block so that later ones overtake it.</summary>
    private static int NumberTheBlock(long block, byte[] buffer, CancellationToken cancellation)
    {
        if (block % 3 == 0)
        {
            Thread.Sleep(2);
        }

        BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)block);
        return 4;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Write_WritesBlocksInOrder_WhenLaterBlocksFinishFirst(int threads)
    {
        using var stream = new MemoryStream();

        long bytes = OrderedBlockWriter.Write(stream, 40, threads, 4, NumberTheBlock);

        Assert.Equal(160, bytes);
        byte[] text = stream.ToArray();
        for (int block = 0; block < 40; block++)
        {
            Assert.Equal(block, BinaryPrimitives.ReadInt32LittleEndian(text.AsSpan(4 * block)));
        }
    }

    [Fact]
    public void Write_FillsAtMostTwoBuffersPerThread()
    {
        var buffers = new ConcurrentDictionary<byte[], bool>(ReferenceEqualityComparer.Instance);

        OrderedBlockWriter.Write(Stream.Null, 100, 3, 4, (block, buffer, cancellation) =>
        {
            buffers.TryAdd(buffer, true);
            return NumberTheBlock(block, buffer, cancellation);
        });

        Assert.InRange(buffers.Count, 1, 6);
    }

    [Fact]
    public void Write_ThrowsTheFillsException_NotACancellation()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            OrderedBlockWriter.Write(Stream.Null, 100, 3, 4, (block, buffer, cancellation) =>
                block == 7 ? throw new InvalidOperationException("block 7") : NumberTheBlock(block, buffer, cancellation)));

        Assert.Equal("block 7", failure.Message);
    }

    [Fact]
    public void Write_ThrowsTheStreamsException_AndStopsTheWorkers()
    {
        using var stream = new FailingStream(Stream.Null, 10);

        Assert.Throws<IOException>(() => OrderedBlockWriter.Write(stream, 1000, 2, 4, NumberTheBlock));
    }

    [Fact]
    public void Write_WritesNothing_WhenThereAreNoBlocks()
    {
        Assert.Equal(0, OrderedBlockWriter.Write(Stream.Null, 0, 2, 4, (_, _, _) => throw new InvalidOperationException()));
    }
}

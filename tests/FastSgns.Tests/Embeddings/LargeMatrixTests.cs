using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Queries;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests.Embeddings;

/// <summary>
/// Models past 2^31 floats, which a float[] cannot hold. Untouched native pages are never committed (calloc maps fresh
/// zero pages), so these matrices take 8–12 GB of address space but only the few pages written here. Each test checks
/// the content of the last row, the one whose offset does not fit in 32 bits: a 32-bit product anywhere on the way
/// wraps it to a negative offset, which reads other memory (a wrong value) or crashes the run.
/// </summary>
public sealed class LargeMatrixTests
{
    [Fact]
    public void AModelOfMoreThan2To31Floats_IsWrittenInBinary_WithTheLastRowIntact()
    {
        // 2,049 rows of 2^20 floats: 2^31 + 2^20 values, 8 GB, and the last row starts at float 2^31.
        const int dim = 1 << 20, rows = 2049;
        Assert.True((long)rows * dim > int.MaxValue);
        var matrix = Allocate(rows, dim, dim);
        Assert.Equal(dim, matrix.Stride);
        Span<float> last = matrix.Row(rows - 1);
        for (int j = 0; j < dim; j++)
        {
            last[j] = j * 0.5f - 1000;
        }

        using var model = new WordEmbeddings([.. Enumerable.Range(0, rows).Select(i => $"w{i}")], matrix);
        string header = $"{rows} {dim}\n";
        var sink = new TailSink(keepBytes: 4L * dim + 1);

        Word2VecWriter.Write(model, sink, binary: true);

        // Each row is its word, a space, the floats and a newline.
        long expectedLength = header.Length;
        for (int i = 0; i < rows; i++)
        {
            expectedLength += Encoding.ASCII.GetByteCount($"w{i} ") + 4L * dim + 1;
        }

        Assert.Equal(expectedLength, sink.Length);
        Assert.True(sink.Length > 8L << 30);
        byte[] tail = sink.Tail;
        Assert.Equal((byte)'\n', tail[^1]);
        float[] written = MemoryMarshal.Cast<byte, float>(tail.AsSpan(0, 4 * dim)).ToArray();
        Assert.Equal(-1000f, written[0]);
        Assert.True(last.SequenceEqual(written), "the last row, past float 2^31, was not written as stored");
    }

    [Fact]
    public void ARowPast2To31Floats_RoundTripsThroughQueries_Evaluation_AndBothFormats()
    {
        // Three rows 2^30 + 16 floats apart: the last starts at float 2^31 + 32 (12 GB of address space, 3 pages used).
        const int stride = (1 << 30) + 16;
        using var temp = new TempDirectory();
        var matrix = Allocate(3, 4, stride);
        Assert.True(2L * matrix.Stride > int.MaxValue);
        float[][] rows = [[1, 0, 0, 0], [0, 1, 0, 0], [0.6f, 0.8f, 0, 0]];
        for (int r = 0; r < 3; r++)
        {
            rows[r].CopyTo(matrix.Row(r));
        }

        using var model = new SgnsModel(new WordEmbeddings(["x", "y", "far"], matrix));

        Assert.Equal([0.6f, 0.8f, 0f, 0f], model.GetVector("far").ToArray());
        Assert.Equal(1f, TensorPrimitives.Norm(model.GetUnitVector(2)), 6);
        Assert.Equal(0.8f, model.Similarity("y", "far"), 6);
        Assert.Equal("far", model.MostSimilar("y", 1)[0].Word);
        Assert.Equal("far", model.MostSimilar([3f, 4f, 0f, 0f], 1)[0].Word);
        Assert.Equal("far", model.Analogy("x", "y", "y", 1, AnalogyMethod.Mul)[0].Word);
        var similarity = SimilarityEvaluator.Evaluate(model.Embeddings, [("x", "far", 1.0), ("y", "far", 2.0), ("x", "y", 0.0)]);
        Assert.Equal(1.0, similarity.Spearman, 12);

        foreach (bool binary in new[] { false, true })
        {
            string path = temp.File(binary ? "far.bin" : "far.txt");
            model.Save(path, binary);
            using var loaded = SgnsModel.Load(path);
            Assert.Equal(["x", "y", "far"], loaded.Words);
            Assert.Equal([0.6f, 0.8f, 0f, 0f], loaded.GetVector(2).ToArray());
        }

        ProjectorWriter.Save(model.Embeddings, temp.Path);
        Assert.Equal("0.6\t0.8\t0\t0", File.ReadAllLines(Path.Combine(temp.Path, ProjectorWriter.VectorsFile))[2]);
    }

    /// <summary>
    /// Where the system refuses the address space up front (strict overcommit, a small machine, Windows's commit
    /// charge) the test cannot run; that says nothing about offsets, so it is skipped rather than failed.
    /// </summary>
    private static EmbeddingMatrix Allocate(int rows, int dim, int stride)
    {
        try
        {
            return new EmbeddingMatrix(rows, dim, stride);
        }
        catch (OutOfMemoryException)
        {
            Assert.Skip($"this system will not reserve {(long)rows * stride * sizeof(float) / 1e9:F1} GB of untouched address space.");
            throw;
        }
    }

    /// <summary>A write-only stream that counts bytes and keeps only the last few: an 8 GB file without the disk.</summary>
    private sealed class TailSink(long keepBytes) : Stream
    {
        private readonly byte[] _tail = new byte[keepBytes];
        private long _length;

        public byte[] Tail => _length >= _tail.Length ? [.. _tail.AsSpan((int)(_length % _tail.Length)), .. _tail.AsSpan(0, (int)(_length % _tail.Length))] : [];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // Only the bytes that can still end up in the tail are read: the rest of the model is never touched.
            ReadOnlySpan<byte> kept = buffer.Length > _tail.Length ? buffer[^_tail.Length..] : buffer;
            long start = _length + buffer.Length - kept.Length;
            for (int i = 0; i < kept.Length;)
            {
                int at = (int)((start + i) % _tail.Length);
                int n = Math.Min(kept.Length - i, _tail.Length - at);
                kept.Slice(i, n).CopyTo(_tail.AsSpan(at));
                i += n;
            }

            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

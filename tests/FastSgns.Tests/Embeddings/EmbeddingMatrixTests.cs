using System.Numerics.Tensors;
using FastSgns.Embeddings;
using FastSgns.Randomness;

namespace FastSgns.Tests.Embeddings;

public sealed unsafe class EmbeddingMatrixTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(300, 304)]
    public void Stride_PadsTheDimToSixteenFloats_AndEveryRowStartsOnACacheLine(int dim, int stride)
    {
        using var matrix = new EmbeddingMatrix(5, dim);

        Assert.Equal(stride, matrix.Stride);
        Assert.Equal(5L * stride * sizeof(float), matrix.ByteSize);
        Assert.Equal(matrix.ByteSize, EmbeddingMatrix.BytesFor(5, dim));
        for (int r = 0; r < 5; r++)
        {
            fixed (float* row = matrix.Row(r))
            {
                Assert.Equal(0, (long)row % 64);
                Assert.Equal((long)(matrix.Pointer + (long)r * stride), (long)row);
            }
        }
    }

    [Fact]
    public void SpareRows_FollowTheRows_OutsideTheMatrix_AndBlocksAreBoundsChecked()
    {
        using var matrix = new EmbeddingMatrix(4, 5, 16, spareRows: 3);

        Assert.Equal(4, matrix.Rows);
        Assert.Equal(4L * 16 * sizeof(float), matrix.ByteSize);
        fixed (float* spare = matrix.SpareBlock(1, 2))
        fixed (float* block = matrix.Block(2, 2))
        {
            Assert.Equal((long)(matrix.Pointer + 5L * 16), (long)spare);
            Assert.Equal((long)(matrix.Pointer + 2L * 16), (long)block);
        }

        Assert.Equal(2 * 16, matrix.SpareBlock(1, 2).Length);
        Assert.True(matrix.SpareBlock(0, 3).IndexOfAnyExcept(0f) < 0, "spare rows start zeroed");
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.SpareBlock(1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Block(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(4));
    }

    [Fact]
    public void Rows_AreDimLong_Distinct_AndStartZeroed_PaddingIncluded()
    {
        using var matrix = new EmbeddingMatrix(4, 5, stride: 48);

        for (int r = 0; r < 4; r++)
        {
            Assert.Equal(5, matrix.Row(r).Length);
            Assert.True(new ReadOnlySpan<float>(matrix.Pointer + (long)r * 48, 48).IndexOfAnyExcept(0f) < 0);
            matrix.Row(r).Fill(r + 1);
        }

        for (int r = 0; r < 4; r++)
        {
            Assert.Equal(Enumerable.Repeat(r + 1f, 5), matrix.Row(r).ToArray());
            // Writing a row never spills into its padding: the padding of a row stays zero.
            Assert.True(new ReadOnlySpan<float>(matrix.Pointer + (long)r * 48 + 5, 43).IndexOfAnyExcept(0f) < 0);
        }
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(3L)]
    [InlineData(long.MinValue)]
    [InlineData(1L << 32)]
    public void Row_Throws_OutsideTheRows(long row)
    {
        using var matrix = new EmbeddingMatrix(3, 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(row).Length);
    }

    [Fact]
    public void Constructor_RejectsAStrideBelowTheDim_OrOffCacheLines()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingMatrix(2, 20, stride: 16));
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix(2, 20, stride: 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingMatrix(-1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingMatrix(2, 0));
    }

    [Fact]
    public void ZeroRows_IsAnEmptyMatrix()
    {
        using var matrix = new EmbeddingMatrix(0, 8);

        Assert.Equal(0, matrix.Rows);
        Assert.True(matrix.AllFinite());
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(0).Length);
    }

    [Fact]
    public void AfterDispose_RowsAndLeasesThrowObjectDisposed_AndDisposeTwiceIsHarmless()
    {
        var matrix = new EmbeddingMatrix(3, 4);
        matrix.Dispose();
        matrix.Dispose();

        Assert.True(matrix.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => matrix.Row(0).Length);
        Assert.Throws<ObjectDisposedException>(() => { using var lease = matrix.Use(); });
        Assert.Throws<ObjectDisposedException>(() => matrix.ToUnitLength());
    }

    [Fact]
    public void Dispose_DuringALease_FreesTheMemoryOnlyWhenTheLeaseEnds()
    {
        // 64 MB, above glibc's largest mmap threshold (32 MB): always its own mapping, unmapped when freed, so reading
        // it after a premature free would crash the test rather than pass it.
        var matrix = new EmbeddingMatrix(4096, 4096);
        matrix.Row(4095).Fill(7f);
        float* last = matrix.Pointer + 4095L * matrix.Stride;
        var lease = matrix.Use();

        matrix.Dispose();

        Assert.True(matrix.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => matrix.Row(0).Length);
        Assert.Equal(7f, last[4095]);
        lease.Dispose();
        lease.Dispose();
    }

    [Fact]
    public void ToUnitLength_ScalesEachRow_KeepsZeroRows_AndTheShape()
    {
        using var matrix = new EmbeddingMatrix(3, 3, stride: 32);
        float[] first = [3, 4, 0], third = [-1, 2, -2];
        first.CopyTo(matrix.Row(0));
        third.CopyTo(matrix.Row(2));

        using EmbeddingMatrix unit = matrix.ToUnitLength();

        Assert.Equal((3, 3, 32), (unit.Rows, unit.Dim, unit.Stride));
        Assert.Equal([0.6f, 0.8f, 0f], unit.Row(0).ToArray());
        Assert.Equal([0f, 0f, 0f], unit.Row(1).ToArray());
        Assert.Equal(1f, TensorPrimitives.Norm(unit.Row(2)), 6);
        Assert.Equal(1f, TensorPrimitives.CosineSimilarity(unit.Row(2), third), 6);
        Assert.Equal(first, matrix.Row(0).ToArray());
    }

    [Fact]
    public void ToUnitLength_OfAPrefix_NormalizesOnlyThoseRows()
    {
        using var matrix = new EmbeddingMatrix(3, 2);
        float[][] rows = [[3, 4], [0, 5], [1, 0]];
        for (int r = 0; r < 3; r++)
        {
            rows[r].CopyTo(matrix.Row(r));
        }

        using EmbeddingMatrix unit = matrix.ToUnitLength(2);

        Assert.Equal(2, unit.Rows);
        Assert.Equal([0.6f, 0.8f, 0f, 1f], unit.Values());
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.ToUnitLength(4));
    }

    [Fact]
    public void AllFinite_FindsANaNInTheLastRow()
    {
        using var matrix = new EmbeddingMatrix(50, 7);
        matrix.InitializeUniform(3);
        Assert.True(matrix.AllFinite());

        matrix.Row(49)[6] = float.NaN;

        Assert.False(matrix.AllFinite());
    }

    [Fact]
    public void InitializeUniform_DrawsWithinHalfOverDim_AndDependsOnTheSeed()
    {
        using var a = new EmbeddingMatrix(20, 10);
        using var b = new EmbeddingMatrix(20, 10);
        a.InitializeUniform(1);
        b.InitializeUniform(2);

        float[] values = a.Values();
        Assert.All(values, v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.NotEqual(values, b.Values());
    }

    [Theory]
    [InlineData(3 * 4096 + 17, 10)]
    [InlineData(4096, 100)]
    [InlineData(3, 7)]
    public void InitializeUniform_InBlocks_EqualsTheSerialLoop_BitForBit(int rows, int dim)
    {
        using var matrix = new EmbeddingMatrix(rows, dim);
        matrix.InitializeUniform(42);

        // The serial loop the blocks replace: one generator, row after row.
        var random = new Lcg(42);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = matrix.Row(r);
            for (int j = 0; j < dim; j++)
            {
                float expected = (random.NextHigh() / 4294967296f - 0.5f) / dim;
                if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(row[j]))
                {
                    Assert.Fail($"row {r}, column {j}: {row[j]:R}, the serial loop {expected:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void AllFinite_FindsANonFiniteValueInAnyBlock_InAVectorOrTheTail(float bad)
    {
        using var matrix = new EmbeddingMatrix(3 * 4096 + 5, 21);
        matrix.InitializeUniform(1);
        Assert.True(matrix.AllFinite());
        foreach ((int row, int column) in new[] { (0, 0), (5000, 3), (4096 * 2 + 1, 20), (3 * 4096 + 4, 17) })
        {
            float kept = matrix.Row(row)[column];
            matrix.Row(row)[column] = bad;
            Assert.False(matrix.AllFinite(), $"row {row}, column {column}");
            matrix.Row(row)[column] = kept;
        }

        Assert.True(matrix.AllFinite());
        using var empty = new EmbeddingMatrix(0, 4);
        Assert.True(empty.AllFinite());
    }

    [Fact]
    public void CommitPages_ZeroesEveryRow_InEveryBlock()
    {
        using var matrix = new EmbeddingMatrix(2 * 4096 + 3, 9);
        matrix.InitializeUniform(2);
        matrix.CommitPages();

        Assert.All(matrix.Values(), v => Assert.Equal(0f, v));
    }
}

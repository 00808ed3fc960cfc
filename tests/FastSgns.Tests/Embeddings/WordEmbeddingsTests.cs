using FastSgns.Embeddings;

namespace FastSgns.Tests.Embeddings;

public sealed class WordEmbeddingsTests
{
    [Fact]
    public void FromRowMajor_CopiesEachRow_AndIndexesWords_FirstOccurrenceWinning()
    {
        using var model = WordEmbeddings.FromRowMajor(["a", "b", "a"], [1, 2, 3, 4, 5, 6], 2);

        Assert.Equal((3, 2), (model.Count, model.Dim));
        Assert.Equal([3f, 4f], model.Vectors.Row(1).ToArray());
        Assert.Equal(0, model.IndexOf("a"));
        Assert.Equal(1, model.IndexOf("b".AsSpan()));
        Assert.Equal(-1, model.IndexOf("c"));
        Assert.Equal("a", model.Word(2));
    }

    [Fact]
    public void Constructor_RejectsWordsThatDoNotMatchTheRows()
    {
        using var matrix = new EmbeddingMatrix(2, 3);

        Assert.Throws<ArgumentException>(() => new WordEmbeddings(["only"], matrix));
        Assert.Throws<ArgumentException>(() => WordEmbeddings.FromRowMajor(["a", "b"], [1, 2, 3], 2));
    }

    [Fact]
    public void UnitVectors_AreBuiltOnce_AndDisposeReleasesBothMatrices()
    {
        var model = WordEmbeddings.FromRowMajor(["a", "b"], [3, 4, 0, 2], 2);

        EmbeddingMatrix unit = model.UnitVectors;
        Assert.Same(unit, model.UnitVectors);
        Assert.Equal([0.6f, 0.8f], unit.Row(0).ToArray());

        model.Dispose();

        Assert.True(model.Vectors.IsDisposed);
        Assert.True(unit.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => model.UnitVectors);
    }

    [Fact]
    public void UnitVectors_RacingThreads_AllGetTheSameLiveMatrix()
    {
        using var model = TestVectors.Random(2000, 32, seed: 1);

        EmbeddingMatrix[] seen = new EmbeddingMatrix[8];
        Parallel.For(0, seen.Length, i => seen[i] = model.UnitVectors);

        Assert.All(seen, m => Assert.Same(model.UnitVectors, m));
        Assert.False(model.UnitVectors.IsDisposed);
    }
}

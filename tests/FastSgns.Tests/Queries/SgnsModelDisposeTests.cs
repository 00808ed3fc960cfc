using FastSgns.Queries;

namespace FastSgns.Tests;

public sealed class SgnsModelDisposeTests
{
    [Fact]
    public void Queries_ThrowObjectDisposed_AfterDispose()
    {
        var model = new SgnsModel(TestVectors.Royals());
        Assert.Equal("queen", model.Analogy("man", "king", "woman")[0].Word);

        model.Dispose();
        model.Dispose();

        var neighbors = new Neighbor[3];
        Assert.Throws<ObjectDisposedException>(() => model.MostSimilar("king"));
        Assert.Throws<ObjectDisposedException>(() => model.MostSimilar("king".AsSpan(), neighbors));
        Assert.Throws<ObjectDisposedException>(() => model.MostSimilar([1f, 0f, 0f, 0f], 2));
        Assert.Throws<ObjectDisposedException>(() => model.Analogy("man", "king", "woman", 1, AnalogyMethod.Mul));
        Assert.Throws<ObjectDisposedException>(() => model.Similarity("king", "queen"));
        Assert.Throws<ObjectDisposedException>(() => model.GetVector("king").Length);
        Assert.Throws<ObjectDisposedException>(() => model.GetVector("dragon").Length);
        Assert.Throws<ObjectDisposedException>(() => model["king"].Length);
        Assert.Throws<ObjectDisposedException>(() => model.GetUnitVector(0).Length);
        Assert.Throws<ObjectDisposedException>(() => model.MostSimilar("dragon"));
        Assert.Throws<ObjectDisposedException>(() => model.MostSimilar(["king", "woman"], ["man"]));
        Assert.Throws<ObjectDisposedException>(() => model.MostSimilarCosMul(["king", "woman"], ["man"]));
        Assert.Throws<ObjectDisposedException>(() => model.SimilarByWord("king"));
        Assert.Throws<ObjectDisposedException>(() => model.SimilarByVector([1f, 0f, 0f, 0f]));
        Assert.Throws<ObjectDisposedException>(() => model.DoesntMatch("king", "queen", "apple"));
        Assert.Throws<ObjectDisposedException>(() => model.RankByCentrality("king", "queen"));
        Assert.Throws<ObjectDisposedException>(() => model.NSimilarity(["king"], ["queen"]));
        Assert.Throws<ObjectDisposedException>(() => model.Save(Path.Combine(Path.GetTempPath(), "never-written.txt")));
    }

    [Fact]
    public void Dispose_BeforeAnyQuery_NeverBuildsTheUnitMatrix()
    {
        var model = new SgnsModel(TestVectors.Royals());

        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.UnitVectors);
    }
}

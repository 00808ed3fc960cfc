using FastSgns.Queries;

namespace FastSgns.Tests;

public class AllocationTests
{
    [Fact]
    public void SpanQueries_AllocateNothing_WhenWarm()
    {
        var model = new SgnsModel(TestVectors.Random(500, 64, seed: 3));
        var neighbors = new Neighbor[10];
        float[] vector = model.GetVector("w7").ToArray();
        char[] word = "w42".ToCharArray();
        Query(model, neighbors, vector, word);

        // Warm: tiering, the unit matrix and the word index are built by now.
        for (int i = 0; i < 200; i++)
        {
            Query(model, neighbors, vector, word);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        float sink = 0;
        for (int i = 0; i < 200; i++)
        {
            sink += Query(model, neighbors, vector, word);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(sink));
    }

    private static float Query(SgnsModel model, Span<Neighbor> neighbors, ReadOnlySpan<float> vector, ReadOnlySpan<char> word)
    {
        float total = 0;
        total += model.MostSimilar(word, neighbors);
        total += model.MostSimilar(vector, neighbors);
        total += model.Analogy("w1", "w2", word, neighbors);
        total += model.Analogy("w1", "w2", word, neighbors, AnalogyMethod.Mul);
        total += model.Similarity(word, "w3");
        total += model.MostSimilar(["w1", "w2"], ["w3"], neighbors, 100);
        total += model.MostSimilarCosMul(["w1", "w2", "w4"], ["w3"], neighbors);
        total += model.SimilarByWord(word, neighbors, 50);
        total += model.SimilarByVector(vector, neighbors, 50);
        total += model.RankByCentrality(["w1", "w2", "w5"], neighbors);
        total += model.DoesntMatch("w1", "w2", "w6").Length;
        total += model.NSimilarity(["w1", "w2"], ["w8"]);
        total += model.GetVector(word)[0];
        total += model.IndexOf(word);
        return total + neighbors[0].Similarity;
    }
}

using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Tests.Training;

public sealed class DeterminismTests
{
    private static readonly SyntheticCorpus s_corpus = SyntheticCorpus.Generate(4000);

    private static WordEmbeddings Train(ulong seed, int threads = 1) =>
        new TrainingPipeline(new TrainingOptions { Dim = 24, Epochs = 2, Threads = threads, Seed = seed, Kernel = "scalar" })
            .TrainText(s_corpus.Text);

    [Fact]
    public void OneThread_SameSeed_GivesBitIdenticalVectors()
    {
        WordEmbeddings first = Train(seed: 5);
        WordEmbeddings second = Train(seed: 5);

        Assert.Equal(first.Words, second.Words);
        Assert.True(first.Vectors.Values().SequenceEqual(second.Vectors.Values()), "vectors differ between two identical single-thread runs");
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("auto")]
    public void OneThread_SameSeed_GivesBitIdenticalVectors_InBatchedMode(string kernel)
    {
        WordEmbeddings Batched() =>
            new TrainingPipeline(new TrainingOptions { Dim = 24, Epochs = 2, Threads = 1, Seed = 5, Kernel = kernel, Mode = TrainingMode.Batched })
                .TrainText(s_corpus.Text);

        Assert.True(Batched().Vectors.Values().SequenceEqual(Batched().Vectors.Values()), $"{kernel}: batched vectors differ between two identical single-thread runs");
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentVectors()
    {
        Assert.False(Train(seed: 5).Vectors.Values().SequenceEqual(Train(seed: 6).Vectors.Values()));
    }

    [Fact]
    public void SliceBounds_SplitALineLongerThanTheSearchEvenly()
    {
        // One line (text8's shape): moving to its end would leave the second worker nothing.
        int length = 3 * SgnsTrainer.SliceSearchIds;
        int[] ids = [.. Enumerable.Range(0, length - 1).Select(i => i % 7), -1];
        using var corpus = new FastSgns.Ids.EncodedCorpus(ids, length - 1);

        long[] bounds = SgnsTrainer.SliceBounds(corpus, 2);

        Assert.Equal([0, length / 2, length], bounds);
    }

    [Fact]
    public void SliceBounds_MoveToALineEndWithinTheSearch()
    {
        int length = 4 * SgnsTrainer.SliceSearchIds;
        int[] ids = [.. Enumerable.Range(0, length).Select(i => i % 7)];
        int lineEnd = length / 2 + SgnsTrainer.SliceSearchIds - 2;
        ids[lineEnd] = -1;
        ids[^1] = -1;
        using var corpus = new FastSgns.Ids.EncodedCorpus(ids, length - 2);

        Assert.Equal([0, lineEnd + 1, length], SgnsTrainer.SliceBounds(corpus, 2));
    }

    [Fact]
    public void SliceBounds_StartEveryThreadOnASentence()
    {
        int[] ids = [1, 2, -1, 3, 4, 5, -1, 6, -1, 7, 8, 9, 10, -1];
        using var corpus = new FastSgns.Ids.EncodedCorpus(ids, 10);

        long[] bounds = SgnsTrainer.SliceBounds(corpus, 3);

        Assert.Equal(0, bounds[0]);
        Assert.Equal(ids.Length, bounds[3]);
        for (int t = 1; t < 3; t++)
        {
            Assert.Equal(-1, ids[bounds[t] - 1]);
            Assert.True(bounds[t] >= bounds[t - 1]);
        }
    }
}

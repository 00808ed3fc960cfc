using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Tests.Training;

public sealed class HotRowsTests
{
    private const int Words = 40;
    private const int Hot = 3;

    [Theory]
    [InlineData(100_000, 1, 0)]
    [InlineData(100_000, 2, HotRows.MaxRows)]
    [InlineData(100_000, 8, HotRows.MaxRows)]
    [InlineData(1_600, 2, 100)]
    [InlineData(15, 2, 0)]
    public void RowsFor_NoneAtOneThread_ElseTheCapOrASixteenthOfTheVocabulary(int words, int threads, int expected)
    {
        Assert.Equal(expected, HotRows.RowsFor(words, threads));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Remap_MovesOnlyTheHotIds_ToThisWorkersSpareRows(int worker)
    {
        (EmbeddingMatrix input, EmbeddingMatrix output) = Matrices();
        using (input)
        using (output)
        {
            var hot = new HotRows(input, output, Hot, worker, new Lock());
            // Longer than any vector, with hot ids in the vectorized part and in the scalar tail.
            int[] ids = [.. Enumerable.Range(0, 37).Select(i => (i * 7) % Words)];

            int[] moved = [.. ids];
            hot.Remap(moved);

            for (int i = 0; i < ids.Length; i++)
            {
                Assert.Equal(ids[i] < Hot ? Words + worker * Hot + ids[i] : ids[i], moved[i]);
            }
        }
    }

    [Fact]
    public void Merge_AddsEveryWorkersChanges_AndEachTakesTheSumBack()
    {
        (EmbeddingMatrix input, EmbeddingMatrix output) = Matrices();
        using (input)
        using (output)
        {
            var merging = new Lock();
            input.Block(0, Hot).Fill(1f);
            output.Block(0, Hot).Fill(2f);
            var first = new HotRows(input, output, Hot, 0, merging);
            var second = new HotRows(input, output, Hot, 1, merging);
            Assert.True(input.SpareBlock(0, Hot).SequenceEqual(input.Block(0, Hot)), "a worker starts from the shared rows");

            // Each worker trains its own copies; the shared rows do not move meanwhile.
            input.SpareBlock(0, Hot).Fill(1.5f);   // first: +0.5
            input.SpareBlock(Hot, Hot).Fill(0.75f); // second: −0.25
            output.SpareBlock(Hot, Hot).Fill(3f);   // second: +1
            Assert.All(input.Block(0, Hot).ToArray(), v => Assert.Equal(1f, v));

            first.Merge();
            Assert.All(input.Block(0, Hot).ToArray(), v => Assert.Equal(1.5f, v));
            second.Merge();

            Assert.All(input.Block(0, Hot).ToArray(), v => Assert.Equal(1.25f, v));
            Assert.All(output.Block(0, Hot).ToArray(), v => Assert.Equal(3f, v));
            Assert.All(input.SpareBlock(Hot, Hot).ToArray(), v => Assert.Equal(1.25f, v));
            // The first worker took the sum as it was at its merge; the next one adds only what changed since.
            Assert.All(input.SpareBlock(0, Hot).ToArray(), v => Assert.Equal(1.5f, v));
            input.SpareBlock(0, Hot).Fill(2f); // first: +0.5 since its merge
            first.Merge();
            Assert.All(input.Block(0, Hot).ToArray(), v => Assert.Equal(1.75f, v));
            Assert.Equal(0f, input.Row(Hot)[0]);
        }
    }

    [Fact]
    public void Constructor_RejectsMatricesWithoutRoomForTheWorker()
    {
        (EmbeddingMatrix input, EmbeddingMatrix output) = Matrices();
        using (input)
        using (output)
        {
            Assert.Throws<ArgumentException>(() => new HotRows(input, output, Hot, 2, new Lock()));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoThreadTraining_MergesTheHotRowsIntoTheModel(bool pairs)
    {
        var corpus = SyntheticCorpus.Generate(4000);
        var options = new TrainingOptions { Dim = 24, Epochs = 1, Threads = 2, Seed = 5, Mode = pairs ? TrainingMode.Pairs : TrainingMode.Batched };
        using WordEmbeddings trained = new TrainingPipeline(options).TrainText(corpus.Text);
        int hot = HotRows.RowsFor(trained.Words.Count, 2);
        using var initial = new EmbeddingMatrix(trained.Words.Count, options.Dim);
        initial.InitializeUniform(options.Seed);

        Assert.True(hot > 0, "the synthetic vocabulary is large enough for hot rows");
        // Were the workers' private copies never merged, the hottest rows would still hold their initial values.
        for (int r = 0; r < hot; r++)
        {
            Assert.False(trained.Vectors.Row(r).SequenceEqual(initial.Row(r)), $"hot row {r} was not trained");
        }

        Assert.True(trained.Vectors.Values().All(float.IsFinite));
    }

    /// <summary>Input and output matrices of <see cref="Words"/> rows with room for two workers' hot rows.</summary>
    private static (EmbeddingMatrix Input, EmbeddingMatrix Output) Matrices() =>
        (new EmbeddingMatrix(Words, 5, 16, 2 * Hot), new EmbeddingMatrix(Words, 5, 16, 2 * Hot));
}

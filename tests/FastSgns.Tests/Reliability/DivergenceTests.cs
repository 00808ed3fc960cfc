using System.Diagnostics;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>A learning rate far too large must stop training at once with a specific exception, not return NaNs.</summary>
public sealed class DivergenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void HugeAlpha_ThrowsTrainingDiverged_EarlyWithStepAndSuggestion_AndLeavesNoIdFile(int threads)
    {
        using var temp = new TempDirectory();
        var options = new TrainingOptions { Dim = 32, Epochs = 5, Threads = threads, MinCount = 1, Alpha = 10 };
        var pipeline = new TrainingPipeline(options) { WorkDirectory = temp.Path };
        byte[] text = SyntheticCorpus.Generate(5000).Text;
        var stopwatch = Stopwatch.StartNew();

        var error = Assert.Throws<TrainingDivergedException>(() => pipeline.TrainText(text));

        long total = (long)pipeline.Vocabulary!.TotalCount * options.Epochs;
        Assert.InRange(error.WordsProcessed, 1, total / 10);
        Assert.Equal(10f, error.StartingAlpha);
        Assert.InRange(error.LearningRate, 1f, 10f);
        Assert.Equal(0.025f, error.SuggestedAlpha);
        Assert.Contains($"after {error.WordsProcessed:N0} words", error.Message);
        Assert.Contains("Alpha, e.g. 0.025", error.Message);
        Assert.DoesNotContain("--", error.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Suggestion_IsATenth_WhenAlphaIsAlreadySmall()
    {
        var error = new TrainingDivergedException(1234, 0.009f, 0.01f);

        Assert.Equal(0.001f, error.SuggestedAlpha, 6);
        Assert.Contains("after 1,234 words", error.Message);
    }
}

using FastSgns.Evaluation;
using FastSgns.Queries;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Tests.Api;

/// <summary>Training through the facade: the run's settings reach the pipeline, and bad choices fail before any work.</summary>
public sealed class SgnsModelTrainingTests
{
    private static readonly TrainingOptions s_small = new() { Dim = 16, Epochs = 1, Threads = 1, MinCount = 1, Kernel = "scalar" };

    [Theory]
    [InlineData("sse9", typeof(TrainingOptionsException), "Kernel must be one of avx512, ")]
    [InlineData("auto", typeof(TrainingOptionsException), "Dim must be")]
    public void BadKernelOrOption_FailsBeforeTheInputIsOpened(string kernel, Type expected, string message)
    {
        using var temp = new TempDirectory();
        var log = new List<string>();
        var options = s_small with { Kernel = kernel, Dim = kernel == "auto" ? 0 : 16 };

        // The input does not exist: reaching it would throw FileNotFoundException instead.
        var error = Assert.Throws(expected, () => SgnsModel.Train([temp.File("missing.txt")], options,
            new TrainingRunSettings { WorkDirectory = temp.Path, Log = log.Add }, TestContext.Current.CancellationToken));

        Assert.Contains(message, error.Message);
        Assert.Empty(log);
    }

    [Theory]
    [InlineData(nameof(TrainingRunSettings.Resume))]
    [InlineData(nameof(TrainingRunSettings.CheckpointEvery))]
    [InlineData(nameof(TrainingRunSettings.MaxVocabularyMemory))]
    public void BadSetting_FailsBeforeTheInputIsOpened_NamingIt(string setting)
    {
        using var temp = new TempDirectory();
        var settings = setting switch
        {
            nameof(TrainingRunSettings.Resume) => new TrainingRunSettings { Resume = true },
            nameof(TrainingRunSettings.CheckpointEvery) => new TrainingRunSettings { CheckpointPath = temp.File("c"), CheckpointEvery = 1.5 },
            _ => new TrainingRunSettings { MaxVocabularyMemory = -1 },
        };

        var error = Assert.Throws<ArgumentException>(() => SgnsModel.Train([temp.File("missing.txt")], s_small, settings, TestContext.Current.CancellationToken));

        Assert.StartsWith(setting + " ", error.Message);
        Assert.DoesNotContain("(Parameter", error.Message);
    }

    [Fact]
    public void Settings_ReachThePipeline_VocabularyLogProgressAndWorkDirectory()
    {
        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        File.WriteAllBytes(corpus, SyntheticCorpus.Generate(300).Text);
        var log = new List<string>();
        var progress = new List<TrainingProgress>();
        var settings = new TrainingRunSettings
        {
            WorkDirectory = temp.Path,
            SaveVocabularyPath = temp.File("vocab.txt"),
            Log = log.Add,
            Progress = new Progress(progress),
        };

        using SgnsModel model = SgnsModel.Train([corpus], s_small, settings, TestContext.Current.CancellationToken);

        string[] vocabulary = File.ReadAllLines(temp.File("vocab.txt"));
        Assert.Equal(model.Count, vocabulary.Length);
        Assert.Equal(model.Word(0), vocabulary[0].Split(' ')[0]);
        Assert.Contains(log, line => line.StartsWith("train: kernel scalar", StringComparison.Ordinal));
        Assert.Equal(1.0, progress[^1].Fraction, 6);
        Assert.Equal(["corpus.txt", "vocab.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ReadVocabulary_TrainsOnTheGivenWordsOnly()
    {
        using var temp = new TempDirectory();
        string corpus = temp.Write("corpus.txt", string.Concat(Enumerable.Repeat("a b c d\n", 50)));
        string vocabulary = temp.Write("vocab.txt", "b 50\nc 40\n");

        using SgnsModel model = SgnsModel.Train([corpus], s_small, new TrainingRunSettings { ReadVocabularyPath = vocabulary, WorkDirectory = temp.Path },
            TestContext.Current.CancellationToken);

        Assert.Equal(["b", "c"], model.Words);
    }

    [Fact]
    public void Evaluations_ScoreThroughTheModel()
    {
        using var model = new SgnsModel(TestVectors.Royals());

        AnalogyResult analogies = model.EvaluateAnalogies([new AnalogyQuestion("royals", "man", "king", "woman", "queen"),
            new AnalogyQuestion("royals", "man", "king", "unknown", "queen")], AnalogyMethod.Add, restrict: 0);
        var similarity = model.EvaluateSimilarity([("king", "queen", 9.0), ("man", "woman", 8.0), ("king", "woman", 2.0), ("x", "y", 1.0)]);

        Assert.Equal((1, 1, 2), (analogies.Correct, analogies.Answered, analogies.Total));
        Assert.Equal((3, 4), (similarity.Used, similarity.Total));
    }

    private sealed class Progress(List<TrainingProgress> snapshots) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            lock (snapshots)
            {
                snapshots.Add(value);
            }
        }
    }
}

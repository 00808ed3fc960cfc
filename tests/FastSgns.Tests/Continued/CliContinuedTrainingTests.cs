using FastSgns.Tests.Support;
using static FastSgns.Tests.Continued.ContinuedRuns;

namespace FastSgns.Tests.Continued;

/// <summary>
/// The done-when of continued training, through the command line: 2 epochs of a 5-epoch schedule, saved, then
/// continued for the other 3 with one thread, equal 5 uninterrupted epochs bit for bit, vectors and model file alike,
/// for skip-gram and CBOW, with negative sampling, hierarchical softmax or both.
/// </summary>
public sealed class CliContinuedTrainingTests
{
    private static readonly string[] s_common = ["--dim", "16", "--min-count", "2", "--threads", "1", "--seed", "9", "-q"];

    private static CliRunner.Result Train(string corpus, params string[] more)
    {
        CliRunner.Result result = CliRunner.Run(["train", "-i", corpus, .. s_common, .. more]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return result;
    }

    [Theory]
    [InlineData("skipgram")]
    [InlineData("cbow")]
    [InlineData("skipgram", "--hs", "--negative", "0")]
    [InlineData("cbow", "--hs", "--negative", "0")]
    [InlineData("skipgram", "--hs")]
    public void TwoEpochsSavedThenThreeMore_EqualFiveUninterrupted_BitForBit(string model, params string[] objective)
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);

        Train(corpus, ["--model", model, .. objective, "--epochs", "5", "--binary", "-o", temp.File("whole.bin"), "--save-model", temp.File("whole.fsgns")]);
        Train(corpus, ["--model", model, .. objective, "--epochs", "5", "--stop-after-epochs", "2", "--binary", "-o", temp.File("first.bin"), "--save-model", temp.File("first.fsgns")]);
        CliRunner.Result rest = CliRunner.Run(["train", "-i", corpus, "--threads", "1", "--binary", "-o", temp.File("rest.bin"),
            "--init-model", temp.File("first.fsgns"), "--save-model", temp.File("rest.fsgns")]);

        Assert.True(rest.ExitCode == 0, rest.StdErr);
        Assert.Contains("continuing the schedule", rest.StdErr);
        Assert.Equal(File.ReadAllBytes(temp.File("whole.bin")), File.ReadAllBytes(temp.File("rest.bin")));
        Assert.Equal(File.ReadAllBytes(temp.File("whole.fsgns")), File.ReadAllBytes(temp.File("rest.fsgns")));
        // The first part is not the whole already: the comparison above could fail.
        Assert.NotEqual(File.ReadAllBytes(temp.File("whole.bin")), File.ReadAllBytes(temp.File("first.bin")));
    }

    [Fact]
    public void ThreeMoreEpochsOnANewSchedule_AreNotTheUninterruptedRun()
    {
        // The control: --epochs 3 on the saved model starts a new schedule (the learning rate restarts), as gensim's
        // train() on a loaded model does; the result then differs from the uninterrupted run.
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        Train(corpus, "--epochs", "5", "--binary", "-o", temp.File("whole.bin"));
        Train(corpus, "--epochs", "5", "--stop-after-epochs", "2", "-o", temp.File("first.txt"), "--save-model", temp.File("first.fsgns"));

        CliRunner.Result rest = CliRunner.Run(["train", "-i", corpus, "--threads", "1", "--epochs", "3", "--binary", "-o", temp.File("rest.bin"),
            "--init-model", temp.File("first.fsgns")]);

        Assert.True(rest.ExitCode == 0, rest.StdErr);
        Assert.Contains("a new schedule of 3 epoch(s)", rest.StdErr);
        Assert.NotEqual(File.ReadAllBytes(temp.File("whole.bin")), File.ReadAllBytes(temp.File("rest.bin")));
    }

    [Fact]
    public void InitModel_Damaged_FailsBeforeTheCorpusIsRead_NamingFileAndPosition()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string model = SavedModel(temp);
        byte[] bytes = File.ReadAllBytes(model);
        bytes[40] ^= 0x01; // inside the options section
        File.WriteAllBytes(model, bytes);

        CliRunner.Result result = CliRunner.Run("train", "-i", temp.File("missing.txt"), "-o", temp.File("v.txt"), "--init-model", model);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{model}: the model file is damaged: section options (payload from byte 20) checksum mismatch", result.StdErr);
        Assert.False(File.Exists(temp.File("v.txt")));
        Assert.True(File.Exists(corpus));
    }

    [Fact]
    public void InitModel_WithAnotherDim_IsRefusedInTheFlagsWords()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string model = SavedModel(temp);

        CliRunner.Result result = CliRunner.Run("train", "-i", corpus, "-o", temp.File("v.txt"), "--init-model", model, "--dim", "20", "-q");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dim must be 16, the dimension of the initial model", result.StdErr);
    }


    [Fact]
    public void InitModel_WithACheckpoint_Trains_AndDeletesTheCheckpointItWrote()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string model = SavedModel(temp);

        CliRunner.Result result = CliRunner.Run("train", "-i", corpus, "-o", temp.File("v.txt"), "--init-model", model, "--checkpoint", temp.File("c"),
            "--checkpoint-every", "50", "--threads", "1", "-q");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.True(File.Exists(temp.File("v.txt")));
        Assert.False(File.Exists(temp.File("c")));
    }

    [Fact]
    public void Resume_WithInitModel_OfAFreshRunsCheckpoint_IsRefusedBeforeCounting()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string model = SavedModel(temp);
        string checkpoint = temp.File("fresh.checkpoint");
        Assert.Throws<FastSgns.Training.TrainingInterruptedException>(() =>
            new FastSgns.Pipeline.TrainingPipeline(Options()) { WorkDirectory = temp.Path, Checkpoints = new FastSgns.Checkpoints.CheckpointPlan { Path = checkpoint, StopAfterWords = 5_000 } }
                .TrainFiles([corpus]));

        CliRunner.Result result = CliRunner.Run("train", "-i", corpus, "-o", temp.File("v.txt"), "--init-model", model, "--checkpoint", checkpoint, "--resume", "-q");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{checkpoint}: the checkpoint belongs to another run: a run that started afresh, where this run continues", result.StdErr);
        Assert.True(File.Exists(checkpoint));
        Assert.False(File.Exists(temp.File("v.txt")));
    }

    [Fact]
    public void SaveModel_OverItsOwnInitModel_IsRefused_AndTheModelIsKept()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string model = SavedModel(temp);
        byte[] before = File.ReadAllBytes(model);

        CliRunner.Result result = CliRunner.Run("train", "-i", corpus, "-o", temp.File("v.txt"), "--init-model", model, "--save-model", model, "-q");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--save-model", result.StdErr);
        Assert.Equal(before, File.ReadAllBytes(model));
    }
}

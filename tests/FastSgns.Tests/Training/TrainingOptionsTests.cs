using FastSgns.Training;

namespace FastSgns.Tests.Training;

/// <summary>The library names its options by their own property names, in plain messages: no flags, no "(Parameter …)".</summary>
public sealed class TrainingOptionsTests
{
    public static TheoryData<TrainingOptions, string, string> OutOfRange => new()
    {
        { new TrainingOptions { Dim = 0 }, nameof(TrainingOptions.Dim), "Dim must be between 1 and 10000, got 0." },
        { new TrainingOptions { Window = 1001 }, nameof(TrainingOptions.Window), "Window must be between 1 and 1000, got 1001." },
        { new TrainingOptions { Sample = 1 }, nameof(TrainingOptions.Sample), "Sample must be in [0, 1), got 1." },
        { new TrainingOptions { MinCount = 0 }, nameof(TrainingOptions.MinCount), "MinCount must be at least 1, got 0." },
        { new TrainingOptions { Alpha = float.NaN }, nameof(TrainingOptions.Alpha), "Alpha must be in (0, 10], got NaN." },
        { new TrainingOptions { Threads = 0 }, nameof(TrainingOptions.Threads), "Threads must be between 1 and 1024, got 0." },
        { new TrainingOptions { SharedNegatives = 0 }, nameof(TrainingOptions.SharedNegatives), "SharedNegatives must be between 1 and 1000, got 0." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_NamesTheOption_ByItsPropertyName(TrainingOptions options, string name, string message)
    {
        var error = Assert.Throws<TrainingOptionsException>(options.Validate);

        Assert.Equal(name, error.OptionName);
        Assert.Equal(message, error.Message);
        Assert.Null(error.ParamName);
    }

    [Fact]
    public void Describe_RenamesOnlyTheOption()
    {
        var error = Assert.Throws<TrainingOptionsException>(new TrainingOptions { Epochs = 0 }.Validate);

        Assert.Equal("<epochs> must be between 1 and 100000, got 0.", ((IOptionMessage)error).Describe(name => $"<{name.ToLowerInvariant()}>"));
    }

    [Fact]
    public void Defaults_AreValid() => new TrainingOptions().Validate();

    [Fact]
    public void DivergedAndInterrupted_NameTheirOptions_ThroughDescribe()
    {
        var diverged = new TrainingDivergedException(1234, 5f, 10f);
        var interrupted = new TrainingInterruptedException("run.checkpoint", 0.5);

        Assert.Contains("Try a smaller Alpha, e.g. 0.025.", diverged.Message);
        Assert.Contains("Try a smaller -a, e.g. 0.025.", ((IOptionMessage)diverged).Describe(name => name == "Alpha" ? "-a" : name));
        Assert.Contains("with Resume to continue", interrupted.Message);
        Assert.Contains("with -r to continue", ((IOptionMessage)interrupted).Describe(name => name == "Resume" ? "-r" : name));
    }
}

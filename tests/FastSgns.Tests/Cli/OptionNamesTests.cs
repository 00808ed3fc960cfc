using System.CommandLine;
using FastSgns.Cli;
using FastSgns.Training;

namespace FastSgns.Tests.Cli;

/// <summary>The CLI's one table from Core's option names to its flags: complete, real, and used to reword Core's errors.</summary>
public sealed class OptionNamesTests
{
    [Fact]
    public void EveryFlagInTheTable_IsAnOptionOfTrain()
    {
        var flags = TrainCommand.Create().Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();

        Assert.All(OptionNames.Flags.Values, flag => Assert.Contains(flag, flags));
    }

    [Fact]
    public void EveryOptionTheCliSets_HasAFlag()
    {
        // The sigmoid table's shape is a library-only knob; everything else train sets must map to a flag.
        string[] libraryOnly = [nameof(TrainingOptions.SigmoidTableSize), nameof(TrainingOptions.SigmoidMaxExp)];
        var properties = typeof(TrainingOptions).GetProperties().Select(p => p.Name).Except(libraryOnly);

        Assert.All(properties, name => Assert.True(OptionNames.Flags.ContainsKey(name), $"{name} has no flag in OptionNames"));
    }

    [Fact]
    public void Message_RewordsCoreOptionErrors_WithFlags()
    {
        var error = Assert.Throws<TrainingOptionsException>(new TrainingOptions { MinCount = 0 }.Validate);

        Assert.Equal("--min-count must be at least 1, got 0.", OptionNames.Message(error));
        Assert.Contains("Try a smaller --alpha, e.g.", OptionNames.Message(new TrainingDivergedException(10, 1f, 1f)));
        Assert.Equal("plain", OptionNames.Message(new IOException("plain")));
    }
}

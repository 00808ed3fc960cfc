namespace FastSgns.Training;

/// <summary>
/// An option out of range, or one that does not fit the input: "Dim must be between 1 and 10000, got 0.". The
/// message is plain (no "(Parameter …)" suffix); <see cref="OptionName"/> says which option, by its
/// <see cref="TrainingOptions"/> property name.
/// </summary>
public sealed class TrainingOptionsException : ArgumentException, IOptionMessage
{
    internal TrainingOptionsException(string optionName, string requirement)
        : base($"{optionName} {requirement}")
    {
        OptionName = optionName;
        Requirement = requirement;
    }

    /// <summary>The <see cref="TrainingOptions"/> property at fault.</summary>
    public string OptionName { get; }

    /// <summary>What is wrong with it, without its name: "must be between 1 and 10000, got 0.".</summary>
    public string Requirement { get; }

    string IOptionMessage.Describe(Func<string, string> rename) => $"{rename(OptionName)} {Requirement}";
}

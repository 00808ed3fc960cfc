namespace FastSgns.Cli;

/// <summary>
/// The one line a failure prints. .NET appends " (Parameter 'x')" and "Actual value was …" to the messages of
/// argument exceptions; those speak to a programmer, not to someone who typed a command, so they are cut here, as a
/// net under every command (the commands themselves throw messages written for the user), after Core's option names
/// are put in the CLI's words (<see cref="OptionNames"/>).
/// </summary>
internal static class ErrorMessage
{
    public static string Of(Exception e)
    {
        string message = OptionNames.Message(e);
        if (e is ArgumentException { ParamName: { } name })
        {
            int actual = message.IndexOf("\nActual value was", StringComparison.Ordinal);
            message = actual >= 0 ? message[..actual] : message;
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}

namespace FastSgns.Training;

/// <summary>
/// An exception whose message names options, by their <see cref="TrainingOptions"/> property names ("Dim",
/// "MinCount"). A front end that calls them something else (the CLI's flags) asks for the message in its own words,
/// so that the library never speaks the CLI's language and the CLI never shows the library's.
/// </summary>
internal interface IOptionMessage
{
    /// <summary>The message, with every option name passed through <paramref name="rename"/>.</summary>
    string Describe(Func<string, string> rename);
}

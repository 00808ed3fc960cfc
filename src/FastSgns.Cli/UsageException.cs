namespace FastSgns.Cli;

/// <summary>
/// A command line that parses but asks for nothing a command can do (e.g. <c>similar</c> with no word): a usage
/// error, exit 1, like the parser's own, rather than bad input (exit 2).
/// </summary>
internal sealed class UsageException(string message) : Exception(message);

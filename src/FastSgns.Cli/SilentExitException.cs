namespace FastSgns.Cli;

/// <summary>
/// Ends a command with <see cref="ExitCode"/> and no line of its own, because another process says what happened:
/// a distributed job's interruption or cancellation is reported once, by rank 0, not once per rank.
/// </summary>
internal sealed class SilentExitException(int exitCode) : Exception($"exit {exitCode}; reported by another process")
{
    public int ExitCode { get; } = exitCode;
}

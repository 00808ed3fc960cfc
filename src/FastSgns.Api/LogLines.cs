using Microsoft.Extensions.Logging;

namespace FastSgns;

/// <summary>Core reports a run as plain lines; this sends them to the host's line sink, its <see cref="ILogger"/>, or both.</summary>
internal static class LogLines
{
    /// <summary>Core's input warnings start so ("warning: 2 more input file(s) hold invalid UTF-8 …").</summary>
    private const string WarningPrefix = "warning:";

    public static Action<string>? Combine(Action<string>? lines, ILogger? logger)
    {
        if (logger is null)
        {
            return lines;
        }

        return line =>
        {
            lines?.Invoke(line);
            LogLevel level = line.StartsWith(WarningPrefix, StringComparison.Ordinal) || line.Contains(": warning:", StringComparison.Ordinal)
                ? LogLevel.Warning
                : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                // The line is the message as it stands, not a template: braces in a file name must not be read as holes.
                logger.Log(level, default, line, null, static (state, _) => state);
            }
        };
    }
}

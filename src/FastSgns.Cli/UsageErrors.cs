using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;

namespace FastSgns.Cli;

/// <summary>
/// A command line the parser rejects is answered with one line on stderr, not the parser's list of errors and the
/// whole help text: the first problem, in the user's words, with a suggestion when one is close
/// (<c>unknown option --dimm; did you mean --dim?</c>). Suggestions come from the command's own option list, so new
/// options are suggested without being listed here, and from <see cref="ForeignFlags"/> for other tools' spellings.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The one line for a parse that failed, or null when there is nothing to report (or only help to show).</summary>
    public static string? Describe(ParseResult result)
    {
        if (result.Errors.Count == 0)
        {
            return null;
        }

        Command command = result.CommandResult.Command;
        if (result.UnmatchedTokens.Count > 0)
        {
            string token = result.UnmatchedTokens[0];
            if (token.StartsWith('-') && token.Length > 1)
            {
                return UnknownOption(token, command);
            }

            return command.Subcommands.Count > 0
                ? $"unknown command '{token}'; the commands are {string.Join(", ", command.Subcommands.Select(c => c.Name))}."
                : $"unexpected argument '{token}'; see 'fastsgns {command.Name} --help'.";
        }

        if (command.Subcommands.Count > 0 && result.Tokens.Count == 0)
        {
            return null; // no command at all: the help is the answer
        }

        ParseError first = result.Errors[0];
        OptionResult? owner = first.SymbolResult switch
        {
            OptionResult option => option,
            ArgumentResult { Parent: OptionResult option } => option,
            _ => null,
        };
        string message = string.Join(' ', first.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (owner is null)
        {
            return message;
        }

        string flag = owner.IdentifierToken?.Value ?? owner.Option.Name;
        return Conversion(owner, flag) ?? (message.Contains(flag, StringComparison.Ordinal) ? message : $"{flag}: {message}");
    }

    /// <summary>"unknown option --dimm; did you mean --dim?", or a pointer to the help when nothing is close.</summary>
    public static string UnknownOption(string token, Command command)
    {
        string? suggestion = Suggest(token.TrimStart('-'), SingleDashOptions.OptionsByAlias(command).Keys);
        return suggestion is not null
            ? $"unknown option {token}; did you mean {suggestion}?"
            : $"unknown option {token}; see 'fastsgns {command.Name} --help' for the options.";
    }

    /// <summary>
    /// The closest long option to <paramref name="typed"/> (a name without dashes): another tool's spelling of one
    /// (<c>iter</c> → <c>--epochs</c>), then the nearest by edit distance (one edit for short names, two for longer
    /// ones; case ignored), then the only option it is a prefix of.
    /// </summary>
    internal static string? Suggest(string typed, IEnumerable<string> aliases)
    {
        string[] longNames = [.. aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Distinct()];
        if (typed.Length == 0)
        {
            return null;
        }

        if (ForeignFlags.TryGet(typed, out var entry) && entry.Target is { } target && longNames.Contains(target))
        {
            return target;
        }

        int limit = typed.Length <= 4 ? 1 : 2;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in longNames)
        {
            int distance = EditDistance(typed.ToLowerInvariant(), name[2..].ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        if (bestDistance <= limit)
        {
            return best;
        }

        string[] extensions = [.. longNames.Where(n => typed.Length >= 3 && n[2..].StartsWith(typed, StringComparison.OrdinalIgnoreCase))];
        return extensions.Length == 1 ? extensions[0] : null;
    }

    /// <summary>"--dim expects a whole number, got 'ten'." for a value that does not convert to the option's type.</summary>
    private static string? Conversion(OptionResult owner, string flag)
    {
        if (owner.Tokens.Count == 0)
        {
            return null;
        }

        string value = owner.Tokens[^1].Value;
        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        const NumberStyles real = NumberStyles.Float;
        CultureInfo c = CultureInfo.InvariantCulture;
        string? kind = owner.Option.ValueType switch
        {
            var t when t == typeof(int) => int.TryParse(value, integer, c, out _) ? null : "a whole number",
            var t when t == typeof(long) => long.TryParse(value, integer, c, out _) ? null : "a whole number",
            var t when t == typeof(ulong) => ulong.TryParse(value, NumberStyles.None, c, out _) ? null : "a whole number from 0",
            var t when t == typeof(double) => double.TryParse(value, real, c, out _) ? null : "a number",
            var t when t == typeof(float) => float.TryParse(value, real, c, out _) ? null : "a number",
            _ => null,
        };

        // A value of the right type that was still rejected failed some other check, whose own message says why.
        return kind is null ? null : $"{flag} expects {kind}, got '{value}'.";
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

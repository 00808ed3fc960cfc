using System.CommandLine;

namespace FastSgns.Cli;

/// <summary>
/// fastText and word2vec.c take long options with one dash (<c>-input c.txt -dim 100</c>). System.CommandLine reads
/// such a token as a short option with its value glued on: <c>-input</c> became <c>-i nput</c>. Before parsing, each
/// single-dash long name in option position is therefore rewritten or refused, never left to be misread:
/// <list type="bullet">
/// <item><c>-name</c> where the command has <c>--name</c> becomes <c>--name</c> (found from the command's own option
/// list, so options added later are covered without touching this file);</item>
/// <item>a fastText/word2vec.c spelling in <see cref="ForeignFlags"/> (<c>-epoch</c>, <c>-size</c>, <c>-minCount</c>)
/// becomes the flag it maps to, when the command has it;</item>
/// <item>word2vec.c's <c>0</c>/<c>1</c> after a single-dash switch (<c>-binary 1</c>) becomes <c>false</c>/<c>true</c>;</item>
/// <item>any other single-dash long name is an error with a suggestion — except on commands that take words as
/// arguments (<c>similar</c>, <c>analogy</c>), where a token such as <c>-lrb-</c> may be a word.</item>
/// </list>
/// A token right after an option that takes a value is that value (<c>-i -</c>, <c>--sample -1</c>) and is kept as is;
/// so is everything after <c>--</c>.
/// </summary>
internal static class SingleDashOptions
{
    /// <summary>The arguments with single-dash long options rewritten; null and <paramref name="error"/> set when one is refused.</summary>
    public static string[]? Rewrite(Command root, IReadOnlyList<string> args, out string? error)
    {
        error = null;
        Command command = root;
        int i = 0;
        while (i < args.Count && command.Subcommands.FirstOrDefault(c => c.Name == args[i] || c.Aliases.Contains(args[i])) is { } subcommand)
        {
            command = subcommand;
            i++;
        }

        Dictionary<string, Option> options = OptionsByAlias(command);
        var output = new List<string>(args.Count);
        output.AddRange(args.Take(i));
        for (; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "--")
            {
                output.AddRange(args.Skip(i));
                break;
            }

            if (options.TryGetValue(token, out Option? known))
            {
                output.Add(token);
                i = CopyValue(known, args, i, output, translateBits: false);
                continue;
            }

            if (!IsSingleDashName(token))
            {
                output.Add(token);
                continue;
            }

            string name = token[1..];
            bool foreign = ForeignFlags.TryGet(name, out ForeignFlags.Entry? entry);
            string? flag = options.ContainsKey("--" + name) ? "--" + name
                : foreign && entry!.Target is { } target && options.ContainsKey(target) ? target
                : null;
            if (flag is not null && foreign && entry!.Values is { } values && flag == entry.Target)
            {
                string? value = i + 1 < args.Count && values.TryGetValue(args[i + 1], out string? mapped) ? mapped ?? options[flag].GetDefaultValue()?.ToString() : null;
                if (value is null)
                {
                    error = $"{token} expects {string.Join(" or ", values.Keys)}{(i + 1 < args.Count ? $", got '{args[i + 1]}'" : "")}.";
                    return null;
                }

                output.AddRange([flag, value]);
                i++;
                continue;
            }

            if (flag is not null)
            {
                output.Add(flag);
                i = CopyValue(options[flag], args, i, output, translateBits: true);
                continue;
            }

            if (foreign && entry!.Refusal is { } refusal)
            {
                error = $"{token} is not an option of fastsgns {command.Name}: {refusal}.";
                return null;
            }

            if (name.Length == 1 || command.Arguments.Count > 0)
            {
                output.Add(token); // a short option the parser reports, or a word such as "-lrb-"
                continue;
            }

            error = UsageErrors.UnknownOption(token, command);
            return null;
        }

        return [.. output];
    }

    /// <summary>Every spelling of every option the command accepts, its own and the root's recursive ones (--help).</summary>
    internal static Dictionary<string, Option> OptionsByAlias(Command command)
    {
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (Option option in c.Options.Where(o => c == command || o.Recursive))
            {
                foreach (string alias in option.Aliases.Prepend(option.Name))
                {
                    options.TryAdd(alias, option);
                }
            }
        }

        return options;
    }

    /// <summary>"-name" or "-t": one dash, then a letter and name characters (not "-5", not "-", not "--name").</summary>
    private static bool IsSingleDashName(string token) =>
        token.Length >= 2 && token[0] == '-' && char.IsAsciiLetter(token[1]) && token.Skip(2).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Copies the option's value, if it takes one, and returns the index of the last token used.</summary>
    private static int CopyValue(Option option, IReadOnlyList<string> args, int at, List<string> output, bool translateBits)
    {
        if (at + 1 >= args.Count)
        {
            return at;
        }

        string next = args[at + 1];
        if (option.ValueType == typeof(bool))
        {
            string? value = translateBits && next is "0" or "1" ? (next == "1" ? "true" : "false")
                : bool.TryParse(next, out _) ? next
                : null;
            if (value is null)
            {
                return at;
            }

            output.Add(value);
            return at + 1;
        }

        if (option.Arity.MaximumNumberOfValues == 0)
        {
            return at;
        }

        output.Add(next);
        return at + 1;
    }
}

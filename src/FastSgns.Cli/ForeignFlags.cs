using System.Diagnostics.CodeAnalysis;

namespace FastSgns.Cli;

/// <summary>
/// Option names that fastText and word2vec.c users type from habit, in those tools' spelling (without the dash),
/// and what they mean here. The table holds only names that differ from ours: <c>-dim</c>, <c>-window</c>,
/// <c>-threads</c> and every other single-dash spelling of one of our own long options are accepted generically
/// (<see cref="SingleDashOptions"/>), from the command's option list. A target names a long option of ours; it is
/// used only if the command has that option. A refusal says why the option has no counterpart.
/// </summary>
internal static class ForeignFlags
{
    /// <summary>
    /// A foreign name: the flag it maps to, or (Target null) the reason it is refused. <see cref="Values"/>, when set,
    /// translates the foreign values (word2vec.c's <c>-cbow 1</c> is <c>--model cbow</c>); a null translation stands
    /// for the target option's default.
    /// </summary>
    public sealed record Entry(string? Target, string? Refusal = null, IReadOnlyDictionary<string, string?>? Values = null);

    private static readonly Dictionary<string, Entry> s_entries = new(StringComparer.Ordinal)
    {
        // fastText
        ["epoch"] = new("--epochs"),
        ["lr"] = new("--alpha"),
        ["ws"] = new("--window"),
        ["minCount"] = new("--min-count"),
        ["neg"] = new("--negative"),
        ["thread"] = new("--threads"),
        ["t"] = new("--sample"),
        ["minn"] = new(null, "fastText's subword n-grams (-minn, -maxn) have no counterpart: FastSgns learns one vector per word"),
        ["maxn"] = new(null, "fastText's subword n-grams (-minn, -maxn) have no counterpart: FastSgns learns one vector per word"),
        ["wordNgrams"] = new(null, "fastText's word n-grams have no counterpart here"),
        ["verbose"] = new(null, "progress is printed to stderr unless --quiet is given"),
        ["loss"] = new(null, "negative sampling is the default objective; see --help for the others"),
        // word2vec.c
        ["size"] = new("--dim"),
        ["iter"] = new("--epochs"),
        ["train"] = new("--input"),
        ["cbow"] = new("--model", Values: new Dictionary<string, string?> { ["0"] = null, ["1"] = "cbow" }),
        ["debug"] = new(null, "progress is printed to stderr unless --quiet is given"),
    };

    /// <summary>The entry for a foreign option name (case-sensitive, as those tools are), if there is one.</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out Entry entry) => s_entries.TryGetValue(name, out entry);

    /// <summary>Every foreign name with a target, for suggestions after a two-dash misspelling (<c>--iter</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Targets =>
        s_entries.Where(e => e.Value.Target is not null).Select(e => KeyValuePair.Create(e.Key, e.Value.Target!));
}

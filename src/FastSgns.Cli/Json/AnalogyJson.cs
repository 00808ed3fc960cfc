namespace FastSgns.Cli.Json;

/// <summary>
/// <c>fastsgns analogy --json</c>: a is to b as c is to each answer (a, b, c null when the query was given as
/// --positive/--negative words), the positive and negative words behind it, the objective and the restriction.
/// </summary>
internal sealed record AnalogyJson(string? A, string? B, string? C, IReadOnlyList<string> Positive, IReadOnlyList<string> Negative, string Method,
    int Restrict, IReadOnlyList<WordScoreJson> Answers);

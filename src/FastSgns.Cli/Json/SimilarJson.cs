namespace FastSgns.Cli.Json;

/// <summary>
/// <c>fastsgns similar --json</c>: the query (the WORD argument, null without it; all positive and negative words;
/// the objective; restrict 0 = every word a candidate) and its answers, best first.
/// </summary>
internal sealed record SimilarJson(string? Word, IReadOnlyList<string> Positive, IReadOnlyList<string> Negative, string Method, int Restrict,
    IReadOnlyList<WordScoreJson> Neighbors);

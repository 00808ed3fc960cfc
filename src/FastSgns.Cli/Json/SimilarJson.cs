namespace FastSgns.Cli.Json;

/// <summary><c>fastsgns similar --json</c>.</summary>
internal sealed record SimilarJson(string Word, IReadOnlyList<WordScoreJson> Neighbors);

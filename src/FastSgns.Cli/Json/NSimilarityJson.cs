namespace FastSgns.Cli.Json;

/// <summary><c>fastsgns n-similarity --json</c>: the two word sets and the cosine of their mean vectors.</summary>
internal sealed record NSimilarityJson(IReadOnlyList<string> First, IReadOnlyList<string> Second, float Similarity);

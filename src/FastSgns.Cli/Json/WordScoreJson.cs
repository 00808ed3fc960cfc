namespace FastSgns.Cli.Json;

/// <summary>One answer of a similar or analogy query.</summary>
internal sealed record WordScoreJson(string Word, float Similarity);

namespace FastSgns.Cli.Json;

/// <summary>One word-similarity file of <c>fastsgns eval --json</c>; Spearman is null when fewer than two pairs were covered.</summary>
internal sealed record SimilarityEvaluationJson(string File, double? Spearman, int Used, int Total, double Coverage);

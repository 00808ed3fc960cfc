namespace FastSgns.Cli.Json;

/// <summary><c>fastsgns eval --json</c>.</summary>
internal sealed record EvaluationJson(string Vectors, int Words, int Dim, AnalogyEvaluationJson? Analogies, IReadOnlyList<SimilarityEvaluationJson> Similarity);

namespace FastSgns.Cli.Json;

/// <summary><c>fastsgns analogy --json</c>: a is to b as c is to each answer.</summary>
internal sealed record AnalogyJson(string A, string B, string C, string Method, IReadOnlyList<WordScoreJson> Answers);

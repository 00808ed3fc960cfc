namespace FastSgns.Cli.Json;

/// <summary>The analogy part of <c>fastsgns eval --json</c>; restrict 0 means every word was a candidate.</summary>
internal sealed record AnalogyEvaluationJson(
    string File, string Method, int Restrict, IReadOnlyList<SectionJson> Sections, SectionJson Semantic, SectionJson Syntactic, SectionJson Total);

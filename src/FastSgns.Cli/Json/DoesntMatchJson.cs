namespace FastSgns.Cli.Json;

/// <summary>
/// <c>fastsgns doesnt-match --json</c>: the words, the one that fits least, and every word's cosine with the mean of
/// them all, most central first (gensim's <c>rank_by_centrality</c>).
/// </summary>
internal sealed record DoesntMatchJson(IReadOnlyList<string> Words, string Answer, IReadOnlyList<WordScoreJson> Ranking);

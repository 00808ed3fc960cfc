namespace FastSgns;

/// <summary>What one pass of <see cref="PhraseModel.Rewrite"/> counted and joined.</summary>
/// <param name="Pass">The pass's number, from 1.</param>
/// <param name="Words">Tokens read (the scores' corpus size).</param>
/// <param name="DistinctWords">Distinct tokens counted.</param>
/// <param name="DistinctBigrams">Distinct bigrams counted.</param>
/// <param name="Phrases">Distinct bigrams that score above the threshold.</param>
/// <param name="Joined">Bigrams joined in the text (occurrences).</param>
public sealed record PhrasePassResult(int Pass, long Words, int DistinctWords, int DistinctBigrams, int Phrases, long Joined);

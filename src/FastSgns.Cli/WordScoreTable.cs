namespace FastSgns.Cli;

/// <summary>Plain output of similar and analogy: "word&lt;TAB&gt;score" lines, best first, easy to cut and sort.</summary>
internal static class WordScoreTable
{
    public static void Write(IReadOnlyList<(string Word, float Similarity)> rows)
    {
        foreach (var (word, similarity) in rows)
        {
            Console.WriteLine(FormattableString.Invariant($"{word}\t{similarity:F4}"));
        }
    }
}

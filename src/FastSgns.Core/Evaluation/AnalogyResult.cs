namespace FastSgns.Evaluation;

/// <summary>Accuracy on an analogy file, per section and in total; coverage counts questions inside the vocabulary.</summary>
public sealed record AnalogyResult(IReadOnlyList<AnalogySection> Sections)
{
    /// <summary>Questions answered correctly, over all sections.</summary>
    public int Correct => Sections.Sum(s => s.Correct);

    /// <summary>Questions whose four words were all within the words searched, over all sections.</summary>
    public int Answered => Sections.Sum(s => s.Answered);

    /// <summary>Questions in the file.</summary>
    public int Total => Sections.Sum(s => s.Total);

    /// <summary>Correct over answered questions (word2vec's compute-accuracy figure).</summary>
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;

    /// <summary>Answered over all questions.</summary>
    public double Coverage => Total == 0 ? 0 : (double)Answered / Total;

    /// <summary>word2vec's split: sections whose name starts with "gram" are syntactic, the rest semantic.</summary>
    public AnalogySection Semantic => Combine("semantic", Sections.Where(s => !s.IsSyntactic));

    /// <summary>The sections whose name starts with "gram", combined.</summary>
    public AnalogySection Syntactic => Combine("syntactic", Sections.Where(s => s.IsSyntactic));

    private static AnalogySection Combine(string name, IEnumerable<AnalogySection> sections)
    {
        var list = sections.ToList();
        return new AnalogySection(name, list.Sum(s => s.Correct), list.Sum(s => s.Answered), list.Sum(s => s.Total));
    }
}

/// <summary>The counts of one section of an analogy file (": capital-common-countries"), or of several combined.</summary>
/// <param name="Name">The section's name, as in the file.</param>
/// <param name="Correct">Questions answered correctly.</param>
/// <param name="Answered">Questions whose four words were all within the words searched.</param>
/// <param name="Total">Questions in the section.</param>
public sealed record AnalogySection(string Name, int Correct, int Answered, int Total)
{
    /// <summary>Correct over answered questions.</summary>
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;

    /// <summary>Whether the name starts with "gram" (word2vec's split of the Google set).</summary>
    public bool IsSyntactic => Name.StartsWith("gram", StringComparison.OrdinalIgnoreCase);
}

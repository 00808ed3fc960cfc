namespace FastSgns.Evaluation;

/// <summary>Accuracy on an analogy file, per section and in total; coverage counts questions inside the vocabulary.</summary>
public sealed record AnalogyResult(IReadOnlyList<AnalogySection> Sections)
{
    public int Correct => Sections.Sum(s => s.Correct);
    public int Answered => Sections.Sum(s => s.Answered);
    public int Total => Sections.Sum(s => s.Total);

    /// <summary>Correct over answered questions (word2vec's compute-accuracy figure).</summary>
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;

    public double Coverage => Total == 0 ? 0 : (double)Answered / Total;

    /// <summary>word2vec's split: sections whose name starts with "gram" are syntactic, the rest semantic.</summary>
    public AnalogySection Semantic => Combine("semantic", Sections.Where(s => !s.IsSyntactic));

    public AnalogySection Syntactic => Combine("syntactic", Sections.Where(s => s.IsSyntactic));

    private static AnalogySection Combine(string name, IEnumerable<AnalogySection> sections)
    {
        var list = sections.ToList();
        return new AnalogySection(name, list.Sum(s => s.Correct), list.Sum(s => s.Answered), list.Sum(s => s.Total));
    }
}

public sealed record AnalogySection(string Name, int Correct, int Answered, int Total)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;
    public bool IsSyntactic => Name.StartsWith("gram", StringComparison.OrdinalIgnoreCase);
}

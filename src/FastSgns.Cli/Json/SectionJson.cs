using FastSgns.Evaluation;

namespace FastSgns.Cli.Json;

/// <summary>One analogy section (or the semantic, syntactic or total line). Accuracy is correct over answered.</summary>
internal sealed record SectionJson(string Name, int Correct, int Answered, int Total, double Accuracy, double Coverage)
{
    public static SectionJson From(AnalogySection s) =>
        new(s.Name, s.Correct, s.Answered, s.Total, s.Accuracy, s.Total == 0 ? 0 : (double)s.Answered / s.Total);
}

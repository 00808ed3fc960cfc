using FastSgns.Evaluation;
using FastSgns.Queries;

namespace FastSgns.Cli;

/// <summary>
/// The evaluation files of <c>eval</c> and <c>train --eval-*</c>, read and checked before anything slow (loading
/// vectors, training): a malformed file or a bad restriction must fail before a model is trained and written.
/// </summary>
internal sealed class EvaluationFiles
{
    private EvaluationFiles(string? analogyFile, List<AnalogyQuestion>? questions, List<(string File, List<(string A, string B, double Score)> Pairs)> similarity,
        int restrict, AnalogyMethod method)
    {
        AnalogyFile = analogyFile;
        Questions = questions;
        Similarity = similarity;
        Restrict = restrict;
        Method = method;
    }

    public string? AnalogyFile { get; }

    public List<AnalogyQuestion>? Questions { get; }

    public IReadOnlyList<(string File, List<(string A, string B, double Score)> Pairs)> Similarity { get; }

    /// <summary>Answer analogies among the first N words (0: all).</summary>
    public int Restrict { get; }

    public AnalogyMethod Method { get; }

    public bool IsEmpty => Questions is null && Similarity.Count == 0;

    /// <summary>Checks the restriction and reads every file; <paramref name="restrictOption"/> names the option in errors.</summary>
    public static EvaluationFiles Read(string? analogyFile, IReadOnlyList<string> similarityFiles, int restrict, string restrictOption, AnalogyMethod method)
    {
        if (restrict < 0)
        {
            throw new ArgumentException($"{restrictOption} must be 0 (all words) or a positive number of words, got {restrict}.");
        }

        foreach (string? file in similarityFiles.Prepend(analogyFile))
        {
            if (file is not null && !File.Exists(file))
            {
                throw new FileNotFoundException($"{file}: no such evaluation file.", file);
            }
        }

        List<AnalogyQuestion>? questions = analogyFile is null ? null : AnalogyQuestion.ReadFile(analogyFile);
        var similarity = similarityFiles.Select(file => (file, SimilarityEvaluator.ReadFile(file))).ToList();
        return new EvaluationFiles(analogyFile, questions, similarity, restrict, method);
    }
}

using System.Globalization;
using System.Text.Json;
using FastSgns.Cli.Json;
using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Queries;

namespace FastSgns.Cli;

/// <summary>
/// Runs the analogy and word-similarity evaluations of <c>fastsgns eval</c> and <c>fastsgns train --eval-*</c>, and
/// prints them as a table or as JSON. Analogies follow word2vec's protocol (restricted to the first N words);
/// similarity pairs are looked up in the whole vocabulary, as gensim's evaluate_word_pairs does at its defaults.
/// </summary>
internal static class EvaluationReport
{
    public static EvaluationJson Run(WordEmbeddings vectors, string vectorsName, EvaluationFiles files)
    {
        AnalogyEvaluationJson? analogies = null;
        if (files.Questions is { } questions)
        {
            AnalogyResult result = AnalogyEvaluator.Evaluate(vectors, questions, files.Method, files.Restrict == 0 ? int.MaxValue : files.Restrict);
            var total = new AnalogySection("total", result.Correct, result.Answered, result.Total);
            analogies = new AnalogyEvaluationJson(files.AnalogyFile!, CliOptions.Name(files.Method), files.Restrict, [.. result.Sections.Select(SectionJson.From)],
                SectionJson.From(result.Semantic), SectionJson.From(result.Syntactic), SectionJson.From(total));
        }

        var similarity = new List<SimilarityEvaluationJson>();
        if (files.Similarity.Count > 0)
        {
            foreach ((string file, var pairs) in files.Similarity)
            {
                var r = SimilarityEvaluator.Evaluate(vectors, pairs);
                similarity.Add(new SimilarityEvaluationJson(file, double.IsNaN(r.Spearman) ? null : r.Spearman, r.Used, r.Total, r.Coverage));
            }
        }

        return new EvaluationJson(vectorsName, vectors.Count, vectors.Dim, analogies, similarity);
    }

    public static void Print(EvaluationJson report, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.EvaluationJson));
            return;
        }

        if (report.Analogies is { } a)
        {
            string scope = a.Restrict == 0 ? "all words" : string.Create(CultureInfo.InvariantCulture, $"top {a.Restrict:N0} words");
            output.WriteLine($"analogies: {a.File} (3Cos{(a.Method == "mul" ? "Mul" : "Add")}, {scope})");
            output.WriteLine($"  {"section",-30} {"accuracy",9} {"correct",8} {"answered",9} {"total",7} {"coverage",9}");
            foreach (SectionJson s in a.Sections)
            {
                output.WriteLine(Row(s));
            }

            output.WriteLine($"  {new string('-', 77)}");
            output.WriteLine(Row(a.Semantic));
            output.WriteLine(Row(a.Syntactic));
            output.WriteLine(Row(a.Total));
        }

        if (report.Similarity.Count > 0)
        {
            if (report.Analogies is not null)
            {
                output.WriteLine();
            }

            output.WriteLine("word similarity (Spearman ρ of cosine against human scores)");
            output.WriteLine($"  {"file",-40} {"ρ",7} {"pairs",7} {"total",7} {"coverage",9}");
            foreach (SimilarityEvaluationJson s in report.Similarity)
            {
                string rho = s.Spearman is double value ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
                output.WriteLine(FormattableString.Invariant($"  {Path.GetFileName(s.File),-40} {rho,7} {s.Used,7} {s.Total,7} {s.Coverage,8:P1}"));
            }
        }
    }

    private static string Row(SectionJson s) =>
        FormattableString.Invariant($"  {s.Name,-30} {s.Accuracy,9:P2} {s.Correct,8} {s.Answered,9} {s.Total,7} {s.Coverage,9:P1}");
}

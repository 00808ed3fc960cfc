using System.Globalization;
using System.Net;
using System.Text;
using FastSgns.Cli.Json;

namespace FastSgns.Cli.Plotting;

/// <summary>
/// A training run as one self-contained HTML page: the curves (the SVG chart inline), the run's numbers (time, words,
/// throughput, final loss and learning rate), every setting and the evaluation scores. No script, no external file.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 940px; color: #222; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
        table { border-collapse: collapse; margin: 8px 0; } td, th { padding: 3px 12px 3px 0; text-align: left; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } tr + tr td { border-top: 1px solid #eee; }
        code { font-size: 13px; }
        """;

    public static string Render(string chartSvg, TrainingCurves curves, TrainingRunSummary run)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>FastSgns training: ").Append(Encode(Path.GetFileName(run.Output))).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>FastSgns training: <code>").Append(Encode(run.Output)).Append("</code></h1>\n")
            .Append("<figure>\n").Append(chartSvg).Append("</figure>\n");

        html.Append("<h2>Run</h2>\n<table id=\"run\">\n");
        Row(html, "input", string.Join(", ", run.Inputs));
        Row(html, "output", run.Output);
        Row(html, "vectors", Invariant($"{run.Words:N0} words × {run.Dim} dimensions"));
        Row(html, "training time", Invariant($"{curves.Seconds[^1]:F2} s"));
        Row(html, "words trained", Invariant($"{curves.WordsProcessed:N0}"));
        Row(html, "words/s (mean)", Invariant($"{curves.MeanWordsPerSecond:N0}"));
        Row(html, "words/s (peak)", Invariant($"{curves.PeakWordsPerSecond:N0}"));
        Row(html, "final loss", curves.FinalLoss is double loss ? Invariant($"{loss:F4}") : "n/a");
        Row(html, "final learning rate", Invariant($"{curves.LearningRate[^1]:G4}"));
        Row(html, "progress points", Invariant($"{curves.Count}"));
        html.Append("</table>\n<h2>Settings</h2>\n<table id=\"settings\">\n");
        foreach ((string name, string value) in run.Settings)
        {
            Row(html, name, value);
        }

        html.Append("</table>\n");
        if (run.Evaluation is { } evaluation)
        {
            AppendEvaluation(html, evaluation);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendEvaluation(StringBuilder html, EvaluationJson evaluation)
    {
        if (evaluation.Analogies is { } analogies)
        {
            string scope = analogies.Restrict == 0 ? "all words" : Invariant($"top {analogies.Restrict:N0} words");
            html.Append("<h2>Analogies</h2>\n<p><code>").Append(Encode(analogies.File)).Append("</code>, 3Cos")
                .Append(analogies.Method == "mul" ? "Mul" : "Add").Append(", ").Append(Encode(scope)).Append("</p>\n")
                .Append("<table id=\"analogies\">\n<tr><th>section</th><th class=\"n\">accuracy</th><th class=\"n\">correct</th>")
                .Append("<th class=\"n\">answered</th><th class=\"n\">total</th><th class=\"n\">coverage</th></tr>\n");
            foreach (SectionJson section in analogies.Sections.Append(analogies.Semantic).Append(analogies.Syntactic).Append(analogies.Total))
            {
                html.Append("<tr><td>").Append(Encode(section.Name)).Append("</td>")
                    .Append(Invariant($"<td class=\"n\">{section.Accuracy:P2}</td><td class=\"n\">{section.Correct}</td>"))
                    .Append(Invariant($"<td class=\"n\">{section.Answered}</td><td class=\"n\">{section.Total}</td><td class=\"n\">{section.Coverage:P1}</td></tr>\n"));
            }

            html.Append("</table>\n");
        }

        if (evaluation.Similarity.Count > 0)
        {
            html.Append("<h2>Word similarity</h2>\n<p>Spearman ρ of cosine against human scores</p>\n<table id=\"similarity\">\n")
                .Append("<tr><th>file</th><th class=\"n\">ρ</th><th class=\"n\">pairs</th><th class=\"n\">total</th><th class=\"n\">coverage</th></tr>\n");
            foreach (SimilarityEvaluationJson s in evaluation.Similarity)
            {
                string rho = s.Spearman is double value ? Invariant($"{value:F4}") : "n/a";
                html.Append("<tr><td><code>").Append(Encode(s.File)).Append("</code></td>")
                    .Append(Invariant($"<td class=\"n\">{rho}</td><td class=\"n\">{s.Used}</td><td class=\"n\">{s.Total}</td><td class=\"n\">{s.Coverage:P1}</td></tr>\n"));
            }

            html.Append("</table>\n");
        }
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(Encode(name)).Append("</td><td>").Append(Encode(value)).Append("</td></tr>\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

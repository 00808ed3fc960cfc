#:project ../src/FastSgns.Core/FastSgns.Core.csproj
// Writes the demo's synthetic corpus with planted analogies, and its questions in questions-words format, for
// bench/soak.sh:   dotnet run bench/soak-corpus.cs -- <corpus.txt> <questions.txt> [sentences]
using System.Globalization;
using FastSgns.Synthetic;

int sentences = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60_000;
SyntheticCorpus corpus = SyntheticCorpus.Generate(sentences);
File.WriteAllBytes(args[0], corpus.Text);
using var questions = new StreamWriter(args[1]);
string? section = null;
foreach (var q in corpus.Analogies)
{
    if (q.Section != section)
    {
        section = q.Section;
        questions.WriteLine($": {section}");
    }

    questions.WriteLine($"{q.A} {q.B} {q.C} {q.D}");
}

Console.WriteLine($"{corpus.Tokens} tokens, {corpus.Analogies.Count} planted analogies");

using FastSgns.Corpus;

namespace FastSgns.Evaluation;

/// <summary>"a is to b as c is to d", within a named section of an analogy file.</summary>
public readonly record struct AnalogyQuestion(string Section, string A, string B, string C, string D)
{
    /// <summary>Longest line read: four words of a few hundred bytes each; a file without newlines fails here.</summary>
    internal const int MaxLineBytes = 4096;

    /// <summary>Reads questions-words format: ": section" headers and four words per line, lowercased.</summary>
    public static List<AnalogyQuestion> ReadFile(string path)
    {
        var questions = new List<AnalogyQuestion>();
        string section = "";
        foreach (BoundedLines.Line raw in BoundedLines.Read(path, MaxLineBytes, "an analogy file (\": section\" lines and four words per line)"))
        {
            string line = raw.Text.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith(':'))
            {
                section = line[1..].Trim();
                continue;
            }

            string[] w = line.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (w.Length != 4)
            {
                throw new InvalidDataException($"{path}:{raw.Number}: byte {raw.Offset}: expected four words, found \"{BoundedLines.Quote(line)}\".");
            }

            questions.Add(new AnalogyQuestion(section, w[0], w[1], w[2], w[3]));
        }

        return questions;
    }
}

using System.Text;
using FastSgns.Embeddings;

namespace FastSgns.Cli;

/// <summary>
/// The rows <c>export</c> writes: every word, or the words listed in a file (<c>--words</c>), kept in the model's
/// order (most frequent first, so the result is still a word2vec file a reader can cut with a limit), then the first
/// <c>--limit</c> of those. A listed word the model lacks is skipped and reported in one line on stderr.
/// </summary>
internal static class ExportSelection
{
    /// <summary>How many skipped words the report names before it only counts.</summary>
    private const int NamedMissing = 5;

    /// <summary>
    /// Reads a word list: one word a line, surrounding whitespace ignored, and anything after the first space or tab
    /// too, so that a vocabulary file ("word count" lines, as --save-vocab writes) serves as well. Empty lines are
    /// skipped. Read before the vectors, so a missing file fails at once.
    /// </summary>
    public static List<(string Word, int Line)> ReadWords(string path)
    {
        var words = new List<(string, int)>();
        int line = 0;
        foreach (string text in File.ReadLines(path, new UTF8Encoding(false)))
        {
            line++;
            ReadOnlySpan<char> trimmed = text.AsSpan().Trim();
            int space = trimmed.IndexOfAny(' ', '\t');
            ReadOnlySpan<char> word = space < 0 ? trimmed : trimmed[..space];
            if (!word.IsEmpty)
            {
                words.Add((word.ToString(), line));
            }
        }

        return words;
    }

    /// <summary>
    /// The rows to write, in model order: those of <paramref name="words"/> (all rows when null), then the first
    /// <paramref name="limit"/> (0 = no limit). Reports skipped words through <paramref name="warn"/>.
    /// </summary>
    public static List<int> Rows(WordEmbeddings vectors, List<(string Word, int Line)>? words, string wordsFile, int limit, Action<string> warn)
    {
        int max = limit == 0 ? int.MaxValue : limit;
        if (words is null)
        {
            return [.. Enumerable.Range(0, Math.Min(max, vectors.Count))];
        }

        var selected = new bool[vectors.Count];
        var missing = new List<(string Word, int Line)>();
        foreach (var (word, line) in words)
        {
            int row = vectors.IndexOf(word);
            if (row >= 0)
            {
                selected[row] = true;
            }
            else
            {
                missing.Add((word, line));
            }
        }

        if (missing.Count == words.Count)
        {
            throw new InvalidDataException(words.Count == 0
                ? $"{wordsFile}: no words in the file; nothing was written."
                : $"{wordsFile}: none of its {words.Count:N0} words is in the vectors (line {missing[0].Line}: \"{missing[0].Word}\"); nothing was written.");
        }

        if (missing.Count > 0)
        {
            string named = string.Join(", ", missing.Take(NamedMissing).Select(m => $"\"{m.Word}\" (line {m.Line})"));
            warn($"export: {missing.Count:N0} of {words.Count:N0} words in {wordsFile} are not in the vectors and were skipped: {named}{(missing.Count > NamedMissing ? ", …" : "")}");
        }

        var rows = new List<int>();
        for (int row = 0; row < selected.Length && rows.Count < max; row++)
        {
            if (selected[row])
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}

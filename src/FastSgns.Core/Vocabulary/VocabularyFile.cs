using System.Globalization;
using System.Text;
using FastSgns.Writers;

namespace FastSgns.Vocabulary;

/// <summary>word2vec's -save-vocab / -read-vocab format: one "word count" line per word, most frequent first.</summary>
public static class VocabularyFile
{
    public static void Save(Vocab vocabulary, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.NewLine = "\n";
            for (int i = 0; i < vocabulary.Count; i++)
            {
                writer.Write(vocabulary[i]);
                writer.Write(' ');
                writer.WriteLine(vocabulary.GetCount(i).ToString(CultureInfo.InvariantCulture));
            }
        });
    }

    /// <summary>Reads counts from a vocabulary file; errors name the file and line.</summary>
    public static Utf8WordTable Read(string path)
    {
        var table = new Utf8WordTable(1 << 12);
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false));
        Span<byte> utf8 = stackalloc byte[4 * Corpus.Tokenizer.MaxTokenBytes + 8];
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count <= 0)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected \"word count\" with a positive integer count, found \"{Shorten(line)}\".");
            }

            if (Encoding.UTF8.GetByteCount(parts[0]) > utf8.Length)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: word longer than {Corpus.Tokenizer.MaxTokenBytes} bytes.");
            }

            int length = Encoding.UTF8.GetBytes(parts[0], utf8);
            table.Add(Corpus.Tokenizer.Truncate(utf8[..length]), count);
        }

        return table;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";
}

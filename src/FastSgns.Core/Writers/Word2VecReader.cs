using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using FastSgns.Corpus;
using FastSgns.Embeddings;

namespace FastSgns.Writers;

/// <summary>
/// Reads word2vec text and binary files (word2vec.c's and gensim's variants: with or without the trailing space
/// and newline), detecting the format from the first row. Every error names the file, the row and the byte offset;
/// a header is checked against the file's length before anything large is allocated.
/// </summary>
internal static class Word2VecReader
{
    public const int MaxDim = 100_000;
    private const int MaxWordBytes = 4096;

    /// <summary>Bytes of the first row looked at to tell text from binary.</summary>
    private const int DetectionBytes = 1 << 16;

    /// <summary>
    /// Loads a vector file. Repeated words are kept (the first one is what <see cref="WordEmbeddings.IndexOf(string)"/>
    /// finds, as gensim keeps the first) and reported to <paramref name="warn"/>: FastSgns itself can write them, when
    /// distinct byte tokens print alike with U+FFFD.
    /// </summary>
    public static WordEmbeddings Load(string path, bool? binary = null, Action<string>? warn = null)
    {
        using MappedFile file = MappedFile.Open(path);
        var cursor = new Cursor(file);
        (long count, int dim) = ReadHeader(ref cursor);
        bool isBinary = binary ?? count > 0 && LooksBinary(cursor, dim);
        // A row takes at least a 1-byte word, a separator and dim floats (or dim "0 " pairs); one row of slack
        // covers a last row without newline. So a header can never make the reader allocate much beyond the file's
        // own size (plus one row): a hostile "10^12 words" header fails here, before any allocation.
        long minRowBytes = isBinary ? 2 + 4L * dim : 2 + 2L * dim;
        if (count > (file.Length - cursor.Offset) / minRowBytes + 1 || count > Array.MaxLength)
        {
            throw Error(path, $"the header claims {count} words of {dim} dims, more than the file's {file.Length} bytes can hold.", cursor.Offset);
        }

        var words = new string[count];
        var matrix = new EmbeddingMatrix((int)count, dim);
        try
        {
            for (long row = 0; row < count; row++)
            {
                Span<float> values = matrix.Row(row);
                words[row] = isBinary ? ReadBinaryRow(ref cursor, values, row) : ReadTextRow(ref cursor, values, row);
            }
        }
        catch
        {
            matrix.Dispose();
            throw;
        }

        // Data past the last row means the header's count or dims are not the file's: stop rather than guess.
        long end = cursor.Offset;
        cursor.SkipWhitespace();
        if (cursor.Offset < cursor.Length)
        {
            matrix.Dispose();
            throw Error(path, $"the header says {count} words of {dim} dims, but the file goes on after row {count}; the header does not match the rows.", end);
        }

        var vectors = new WordEmbeddings(words, matrix);
        WarnAboutRepeats(vectors, path, warn);
        return vectors;
    }

    private static void WarnAboutRepeats(WordEmbeddings vectors, string path, Action<string>? warn)
    {
        int repeats = 0;
        int example = -1;
        for (int row = 0; row < vectors.Count; row++)
        {
            if (vectors.IndexOf(vectors.Word(row)) != row)
            {
                repeats++;
                example = example < 0 ? row : example;
            }
        }

        if (repeats > 0)
        {
            warn?.Invoke($"{path}: warning: {repeats:N0} word(s) appear more than once (row {example + 1}, \"{Shorten(vectors.Word(example))}\", repeats row " +
                         $"{vectors.IndexOf(vectors.Word(example)) + 1}); lookups find the first.");
        }
    }

    private static (long Count, int Dim) ReadHeader(ref Cursor cursor)
    {
        ReadOnlySpan<byte> line = cursor.Line(256, out _);
        string text = Encoding.ASCII.GetString(line).Trim();
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !long.TryParse(parts[0], out long count) || !int.TryParse(parts[1], out int dim))
        {
            throw Error(cursor.Path, $"expected a header \"<words> <dims>\", found \"{(text.Length <= 60 ? text : text[..60] + "…")}\".", 0);
        }

        if (count < 0 || dim < 1 || dim > MaxDim)
        {
            throw Error(cursor.Path, $"header \"{text}\" is out of range (words ≥ 0, 1 ≤ dims ≤ {MaxDim}).", 0);
        }

        return (count, dim);
    }

    /// <summary>
    /// Text when the first row, after its word, is one line of printable ASCII holding at least two numbers (one for a
    /// 1-dim file), whatever their count; binary otherwise. Binary floats almost surely hold a byte outside printable
    /// ASCII before their first newline byte, and two numbers in a row by chance are rarer still. So a text row with
    /// a bad value or the wrong number of values is read as text and its error reported as such, instead of being
    /// loaded as binary garbage because it did not parse.
    /// </summary>
    private static bool LooksBinary(Cursor probe, int dim)
    {
        probe.SkipWhitespace();
        ReadOnlySpan<byte> line = probe.Line(DetectionBytes, out _);
        int space = line.IndexOf((byte)' ');
        if (space <= 0)
        {
            return true;
        }

        ReadOnlySpan<byte> values = line[(space + 1)..];
        foreach (byte b in values)
        {
            if (b is < 0x20 or > 0x7E && b is not (byte)'\t' and not (byte)'\r')
            {
                return true;
            }
        }

        int numbers = 0;
        foreach (Range r in values.Split((byte)' '))
        {
            ReadOnlySpan<byte> field = values[r].Trim("\t\r"u8);
            numbers += !field.IsEmpty && IsNumber(field) ? 1 : 0;
        }

        return numbers < Math.Min(2, dim);
    }

    /// <summary>
    /// A number, or NaN/infinity as .NET, C and Python print them: a text file with a bad value must be read (and
    /// rejected) as text, not mistaken for binary and loaded as garbage.
    /// </summary>
    private static bool IsNumber(ReadOnlySpan<byte> field)
    {
        if (Utf8Parser.TryParse(field, out float _, out int consumed) && consumed == field.Length)
        {
            return true;
        }

        ReadOnlySpan<byte> unsigned = field.Length > 0 && field[0] is (byte)'-' or (byte)'+' ? field[1..] : field;
        return Ascii.EqualsIgnoreCase(unsigned, "nan"u8) || Ascii.EqualsIgnoreCase(unsigned, "inf"u8)
            || Ascii.EqualsIgnoreCase(unsigned, "infinity"u8) || unsigned.SequenceEqual("∞"u8);
    }

    private static string ReadTextRow(ref Cursor cursor, Span<float> values, long row)
    {
        long offset = cursor.Offset;
        ReadOnlySpan<byte> line = cursor.Line(MaxWordBytes + 64 * values.Length, out bool complete);
        if (!complete && cursor.Offset < cursor.Length)
        {
            throw Error(cursor.Path, $"row {row + 1} is longer than any valid row of {values.Length} values{(row == 0 ? " (the header's dims)" : "")}.", offset);
        }

        int field = -1;
        string word = "";
        foreach (Range r in line.Split((byte)' '))
        {
            ReadOnlySpan<byte> token = line[r].TrimEnd((byte)'\r');
            if (token.IsEmpty)
            {
                continue;
            }

            if (field < 0)
            {
                word = Encoding.UTF8.GetString(token);
            }
            else if (field >= values.Length)
            {
                throw Error(cursor.Path, row == 0
                    ? $"row 1 (\"{Shorten(word)}\") has more than {values.Length} values, but the header says {values.Length} dims; the header does not match the rows."
                    : $"row {row + 1} (\"{Shorten(word)}\") has more than {values.Length} values.", offset);
            }
            else if (!Utf8Parser.TryParse(token, out float value, out int consumed) || consumed != token.Length || !float.IsFinite(value))
            {
                throw Error(cursor.Path, $"row {row + 1} (\"{Shorten(word)}\") value {field + 1} \"{Shorten(token)}\" is not a finite number.", offset);
            }
            else
            {
                values[field] = value;
            }

            field++;
        }

        if (field < 0)
        {
            throw Error(cursor.Path, $"expected row {row + 1}, found {(cursor.Offset >= cursor.Length ? "the end of the file" : "an empty line")}.", offset);
        }

        if (field != values.Length)
        {
            throw Error(cursor.Path, row == 0
                ? $"row 1 (\"{Shorten(word)}\") has {field} values, but the header says {values.Length} dims; the header does not match the rows."
                : $"row {row + 1} (\"{Shorten(word)}\") has {field} values, expected {values.Length}.", offset);
        }

        return word;
    }

    private static string ReadBinaryRow(ref Cursor cursor, Span<float> values, long row)
    {
        cursor.SkipWhitespace();
        long offset = cursor.Offset;
        ReadOnlySpan<byte> word = cursor.Until((byte)' ', MaxWordBytes, out bool found);
        if (!found || word.IsEmpty)
        {
            throw Error(cursor.Path, cursor.Offset >= cursor.Length
                ? $"the file ends before row {row + 1} of the header's count."
                : $"row {row + 1}: no word followed by a space within {MaxWordBytes} bytes.", offset);
        }

        string text = Encoding.UTF8.GetString(word);
        ReadOnlySpan<byte> bytes = cursor.Take(4 * values.Length);
        if (bytes.Length < 4 * values.Length)
        {
            throw Error(cursor.Path, $"row {row + 1} (\"{Shorten(text)}\") is truncated: {bytes.Length} of {4 * values.Length} bytes.", offset);
        }

        for (int j = 0; j < values.Length; j++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * j, 4));
            if (!float.IsFinite(value))
            {
                throw Error(cursor.Path, $"row {row + 1} (\"{Shorten(text)}\") value {j + 1} is {value}.", offset);
            }

            values[j] = value;
        }

        return text;
    }

    private static InvalidDataException Error(string path, string message, long offset) =>
        new($"{path}: byte {offset}: {message}");

    private static string Shorten(string word) => word.Length <= 40 ? word : word[..40] + "…";

    private static string Shorten(ReadOnlySpan<byte> token) =>
        Encoding.UTF8.GetString(token.Length <= 40 ? token : token[..40]);

    /// <summary>A forward-only position in a mapped file, handing out bounded spans.</summary>
    private struct Cursor(MappedFile file)
    {
        public long Offset;

        public readonly string Path => file.Path;
        public readonly long Length => file.Length;

        /// <summary>Bytes up to the next newline (excluded, and consumed), at most <paramref name="max"/>.</summary>
        public ReadOnlySpan<byte> Line(int max, out bool complete)
        {
            ReadOnlySpan<byte> line = Until((byte)'\n', max, out complete);
            return line;
        }

        public ReadOnlySpan<byte> Until(byte terminator, int max, out bool found)
        {
            int available = (int)Math.Min(max, Length - Offset);
            ReadOnlySpan<byte> window = file.Window(Offset, available);
            int end = window.IndexOf(terminator);
            found = end >= 0;
            if (!found)
            {
                Offset += available;
                return window;
            }

            Offset += end + 1;
            return window[..end];
        }

        public ReadOnlySpan<byte> Take(int count)
        {
            int available = (int)Math.Min(count, Length - Offset);
            ReadOnlySpan<byte> window = file.Window(Offset, available);
            Offset += available;
            return window;
        }

        public void SkipWhitespace()
        {
            while (Offset < Length && Tokenizer.IsWhitespace(file.Window(Offset, 1)[0]))
            {
                Offset++;
            }
        }
    }
}

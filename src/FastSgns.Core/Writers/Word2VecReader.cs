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

    public static WordEmbeddings Load(string path, bool? binary = null)
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

        return new WordEmbeddings(words, matrix);
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

    /// <summary>Text if the first row parses as a word and exactly dim numbers on one line.</summary>
    private static bool LooksBinary(Cursor probe, int dim)
    {
        ReadOnlySpan<byte> line = probe.Line(MaxWordBytes + 64 * dim, out bool complete);
        if (!complete)
        {
            return true;
        }

        int fields = 0;
        foreach (Range r in line.Split((byte)' '))
        {
            ReadOnlySpan<byte> field = line[r].TrimEnd((byte)'\r');
            if (field.IsEmpty)
            {
                continue;
            }

            if (fields > 0 && !IsNumber(field))
            {
                return true;
            }

            fields++;
        }

        return fields != dim + 1;
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
            throw Error(cursor.Path, $"row {row + 1} is longer than any valid row of {values.Length} values.", offset);
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
                throw Error(cursor.Path, $"row {row + 1} (\"{word}\") has more than {values.Length} values.", offset);
            }
            else if (!Utf8Parser.TryParse(token, out float value, out int consumed) || consumed != token.Length || !float.IsFinite(value))
            {
                throw Error(cursor.Path, $"row {row + 1} (\"{word}\") value {field + 1} \"{Shorten(token)}\" is not a finite number.", offset);
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
            throw Error(cursor.Path, $"row {row + 1} (\"{word}\") has {field} values, expected {values.Length}.", offset);
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
            throw Error(cursor.Path, $"row {row + 1} (\"{text}\") is truncated: {bytes.Length} of {4 * values.Length} bytes.", offset);
        }

        for (int j = 0; j < values.Length; j++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * j, 4));
            if (!float.IsFinite(value))
            {
                throw Error(cursor.Path, $"row {row + 1} (\"{text}\") value {j + 1} is {value}.", offset);
            }

            values[j] = value;
        }

        return text;
    }

    private static InvalidDataException Error(string path, string message, long offset) =>
        new($"{path}: byte {offset}: {message}");

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

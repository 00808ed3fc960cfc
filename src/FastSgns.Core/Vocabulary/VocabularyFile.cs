using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FastSgns.Corpus;
using FastSgns.IO;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Vocabulary;

/// <summary>word2vec's -save-vocab / -read-vocab format: one "word count" line per word, most frequent first.</summary>
internal static class VocabularyFile
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

    /// <summary>Longest line <see cref="Read"/> accepts; it bounds what a file without newlines can make it allocate.</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>
    /// Reads counts from a vocabulary file. Words are bytes, as in the corpus: they are not decoded, and they are
    /// cut to <see cref="Tokenizer.MaxTokenBytes"/> like corpus tokens. Fields are separated by ASCII
    /// whitespace (so CRLF files work); blank lines are skipped. Errors name the file, the line and its byte offset.
    /// The file is read with positional reads into a buffer, not mapped: a file truncated under a mapping kills the
    /// process with SIGBUS, while a short read here is reported as a changed input.
    /// </summary>
    public static Utf8WordTable Read(string path)
    {
        var table = new Utf8WordTable(1 << 12);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(handle);
        byte[] buffer = new byte[Math.Max(1 << 16, 2 * (MaxLineBytes + 1))];
        int start = 0, filled = 0;
        long offset = 0, lineNumber = 0, total = 0;
        while (offset < length)
        {
            lineNumber++;
            int available = (int)Math.Min(MaxLineBytes + 1, length - offset);
            if (filled - start < available)
            {
                // Slide what is left to the front and top the buffer up; the file ending early means it shrank.
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
                start = 0;
                while (filled < available)
                {
                    int read = RandomAccess.Read(handle, buffer.AsSpan(filled), offset + filled);
                    if (read == 0)
                    {
                        throw Changed(path, length, RandomAccess.GetLength(handle));
                    }

                    filled += read;
                }
            }

            ReadOnlySpan<byte> window = buffer.AsSpan(start, available);
            int end = window.IndexOf((byte)'\n');
            if (end < 0 && available > MaxLineBytes)
            {
                throw Error(path, lineNumber, offset, $"line longer than {MaxLineBytes} bytes; not a vocabulary file?");
            }

            ReadOnlySpan<byte> line = end < 0 ? window : window[..end];
            ReadLine(table, line, path, lineNumber, offset, ref total);
            int consumed = end < 0 ? available : end + 1;
            offset += consumed;
            start += consumed;
        }

        long now = RandomAccess.GetLength(handle);
        return now == length ? table : throw Changed(path, length, now);
    }

    private static InvalidDataException Changed(string path, long was, long now) =>
        new($"{path}: the vocabulary file changed while it was being read (it was {was:N0} bytes, now {now:N0}).");

    private static void ReadLine(Utf8WordTable table, ReadOnlySpan<byte> line, string path, long lineNumber, long offset, ref long total)
    {
        Span<Range> fields = stackalloc Range[3];
        int count = 0;
        int i = 0;
        while (i < line.Length && count < fields.Length)
        {
            if (Tokenizer.IsWhitespace(line[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < line.Length && !Tokenizer.IsWhitespace(line[i]))
            {
                i++;
            }

            fields[count++] = start..i;
        }

        if (count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> number = count == 2 ? line[fields[1]] : default;
        if (count != 2 || number[0] is < (byte)'0' or > (byte)'9'
            || !Utf8Parser.TryParse(number, out long wordCount, out int consumed) || consumed != number.Length || wordCount <= 0)
        {
            throw Error(path, lineNumber, offset, $"expected \"word count\" with a positive integer count, found \"{Shorten(line)}\".");
        }

        // Repeated words add up; the total must stay a valid 64-bit count for the samplers downstream.
        if (wordCount > long.MaxValue - total)
        {
            throw Error(path, lineNumber, offset, "the counts add up to more than 2^63 - 1.");
        }

        total += wordCount;
        table.Add(Tokenizer.Truncate(line[fields[0]]), wordCount);
    }

    private static InvalidDataException Error(string path, long lineNumber, long offset, string message) =>
        new($"{path}:{lineNumber}: byte {offset}: {message}");

    private static string Shorten(ReadOnlySpan<byte> line) =>
        line.Length <= 60 ? Encoding.UTF8.GetString(line) : Encoding.UTF8.GetString(line[..60]) + "…";
}

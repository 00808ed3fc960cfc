using System.Text;

namespace FastSgns.Corpus;

/// <summary>
/// The lines of a small text file (evaluation sets and the like) with a bound on their length: a file without
/// newlines fails after <c>maxLineBytes</c> instead of growing one string to the file's size, as
/// <see cref="File.ReadLines(string)"/> would. Lines are decoded as UTF-8 (invalid bytes become U+FFFD), a CR before
/// the newline and a UTF-8 byte-order mark are dropped.
/// </summary>
internal static class BoundedLines
{
    /// <summary>A line as read: its 1-based number, the byte offset where it starts, and its text.</summary>
    public readonly record struct Line(long Number, long Offset, string Text);

    /// <summary>Reads <paramref name="path"/> line by line; <paramref name="what"/> names the expected format in the error.</summary>
    public static IEnumerable<Line> Read(string path, int maxLineBytes, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[Math.Max(2 * (maxLineBytes + 1), 1 << 16)];
        int start = 0;
        int filled = 0;
        long offset = 0;
        long number = 0;
        bool atEnd = false;
        while (true)
        {
            int newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (newline < 0 && !atEnd)
            {
                if (filled - start > maxLineBytes)
                {
                    throw new InvalidDataException($"{path}:{number + 1}: byte {offset}: line longer than {maxLineBytes:N0} bytes; not {what}?");
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
                start = 0;
                int read = stream.Read(buffer, filled, buffer.Length - filled);
                atEnd = read == 0;
                filled += read;
                continue;
            }

            int length = newline >= 0 ? newline : filled - start;
            if (length == 0 && newline < 0)
            {
                yield break;
            }

            if (length > maxLineBytes)
            {
                throw new InvalidDataException($"{path}:{number + 1}: byte {offset}: line longer than {maxLineBytes:N0} bytes; not {what}?");
            }

            ReadOnlySpan<byte> bytes = buffer.AsSpan(start, length);
            bytes = number == 0 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
            bytes = bytes.EndsWith((byte)'\r') ? bytes[..^1] : bytes;
            number++;
            yield return new Line(number, offset, Encoding.UTF8.GetString(bytes));
            int consumed = newline >= 0 ? length + 1 : length;
            start += consumed;
            offset += consumed;
        }
    }

    /// <summary>A line for an error message: at most <paramref name="max"/> characters, marked when cut.</summary>
    public static string Quote(string line, int max = 60) => line.Length <= max ? line : line[..max] + "…";
}

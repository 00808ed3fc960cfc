using System.Text;

namespace FastSgns.Corpus;

/// <summary>
/// Decides from an input's first bytes what it is, before a run spends minutes training on it: UTF-8 text (a
/// byte-order mark skipped), gzip (decompressed, whatever the name), or something that must not be read as text —
/// UTF-16/32 (by their byte-order marks, or by the NUL bytes between their characters), archives and other binary
/// formats (by their magic numbers). Text with some invalid UTF-8 or control bytes is still read (tokens are bytes),
/// with a warning; refused is only what cannot be meant as text.
/// </summary>
internal static class InputSniffer
{
    /// <summary>Bytes looked at: enough for a stable rate, small enough to cost nothing per file.</summary>
    public const int SampleBytes = 64 << 10;

    /// <summary>Below this many bytes a sample's rates say little, so only magic numbers and marks are judged.</summary>
    private const int RateMinimumBytes = 1024;

    public readonly record struct Verdict(bool IsGzip, int BomLength, string? Warning);

    private static readonly (string Name, byte[] Magic, int Offset)[] s_binaryFormats =
    [
        ("a zip archive", [0x50, 0x4B, 0x03, 0x04], 0),
        ("an empty zip archive", [0x50, 0x4B, 0x05, 0x06], 0),
        ("xz-compressed", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], 0),
        ("zstd-compressed", [0x28, 0xB5, 0x2F, 0xFD], 0),
        ("lz4-compressed", [0x04, 0x22, 0x4D, 0x18], 0),
        ("a 7-zip archive", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], 0),
        ("a tar archive", "ustar"u8.ToArray(), 257),
        ("an ELF executable", [0x7F, 0x45, 0x4C, 0x46], 0),
        ("a PDF document", "%PDF-"u8.ToArray(), 0),
        ("a PNG image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("a JPEG image", [0xFF, 0xD8, 0xFF], 0),
        ("an SQLite database", "SQLite format 3\0"u8.ToArray(), 0),
        ("a FastSgns checkpoint", "FSGNSCKP"u8.ToArray(), 0),
    ];

    /// <summary>
    /// Judges <paramref name="head"/>, the first bytes of <paramref name="name"/> (of its decompressed text when
    /// <paramref name="decompressed"/>). Throws <see cref="InvalidDataException"/> for what is not text.
    /// </summary>
    public static Verdict Judge(ReadOnlySpan<byte> head, string name, bool decompressed)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return decompressed
                ? throw Refuse(name, "its decompressed data is gzip-compressed again; decompress it once first.")
                : new Verdict(true, 0, null);
        }

        string what = decompressed ? "its decompressed data is" : "it is";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw Refuse(name, $"{what} UTF-32 text (it starts with a UTF-32 byte-order mark); convert it to UTF-8, e.g. iconv -f UTF-32 -t UTF-8.");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw Refuse(name, $"{what} UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8.");
        }

        if (IsBzip2(head))
        {
            throw Refuse(name, $"{what} bzip2-compressed, which FastSgns does not read; decompress it, or recompress it with gzip.");
        }

        foreach ((string format, byte[] magic, int offset) in s_binaryFormats)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                throw Refuse(name, $"{what} {format}, not text.");
            }
        }

        int bom = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return new Verdict(false, bom, JudgeText(head[bom..], name, what));
    }

    /// <summary>Counts NUL bytes and bytes that are neither valid UTF-8 nor whitespace: refused when they are most of the sample.</summary>
    private static string? JudgeText(ReadOnlySpan<byte> sample, string name, string what)
    {
        int nul = 0;
        int bad = 0;
        int i = 0;
        while (i < sample.Length)
        {
            byte b = sample[i];
            if (b < 0x80)
            {
                nul += b == 0 ? 1 : 0;
                bad += b == 0x7F || (b < 0x20 && b != 0 && !Tokenizer.IsWhitespace(b)) ? 1 : 0;
                i++;
                continue;
            }

            System.Buffers.OperationStatus status = System.Text.Rune.DecodeFromUtf8(sample[i..], out _, out int consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                break; // a character cut by the end of the sample
            }

            bad += status == System.Buffers.OperationStatus.Done ? 0 : consumed;
            i += consumed;
        }

        // UTF-16 or UTF-32 without a mark has a NUL beside almost every ASCII character; binary data has NULs
        // and invalid bytes throughout. A sample that is nearly all NUL is the hole of a sparse file: blank, not binary.
        if (sample.Length >= RateMinimumBytes)
        {
            if (nul >= sample.Length / 10 && nul < sample.Length * 9 / 10)
            {
                throw Refuse(name, $"{what} not UTF-8 text: {Percent(nul, sample.Length)} of its first {sample.Length:N0} bytes are NUL (UTF-16 or UTF-32 without a byte-order mark, or binary data).");
            }

            if (bad > sample.Length * 3 / 10)
            {
                throw Refuse(name, $"{what} not UTF-8 text: {Percent(bad, sample.Length)} of its first {sample.Length:N0} bytes are invalid UTF-8 or control characters (another encoding, or binary data). Convert it to UTF-8 first.");
            }
        }

        if (bad > 0 || nul > 0)
        {
            return $"{name}: warning: of its first {sample.Length:N0} bytes, {bad:N0} are invalid UTF-8 or control characters and {nul:N0} are NUL; " +
                   "they are read as bytes (NUL as a space), and words with invalid bytes print with U+FFFD.";
        }

        return null;
    }

    private static bool IsBzip2(ReadOnlySpan<byte> head) =>
        head.Length >= 10 && head.StartsWith("BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9'
        && (head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x31, 0x41, 0x59, 0x26, 0x53, 0x59])
            || head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x17, 0x72, 0x45, 0x38, 0x50, 0x90]));

    private static string Percent(int part, int whole) => $"{100.0 * part / whole:F0} %";

    private static InvalidDataException Refuse(string name, string message) => new($"{name}: {message}");

    /// <summary>A short printable prefix of some bytes, for messages: never the whole of a huge line.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes, int max = 60) =>
        bytes.Length <= max ? Encoding.UTF8.GetString(bytes) : Encoding.UTF8.GetString(bytes[..max]) + "…";
}

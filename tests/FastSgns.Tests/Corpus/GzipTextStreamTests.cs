using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using FastSgns.Corpus;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Corpus;

/// <summary>
/// Gzip as <see cref="GzipTextStream"/> reads it: one or many members, each checked against its CRC32 and length
/// trailer, so a cut, damaged or padded file is told apart from a whole one, naming the file and the byte.
/// </summary>
public sealed class GzipTextStreamTests
{
    private static byte[] Text(int bytes, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < bytes)
        {
            text.Append("w").Append(random.Next(5000)).Append(random.Next(12) == 0 ? '\n' : ' ');
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, bytes));
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>A member with every optional header field (as GNU gzip and bgzip write some of them), built by hand.</summary>
    private static byte[] GzipWithHeaderFields(byte[] content)
    {
        using var output = new MemoryStream();
        output.Write([0x1F, 0x8B, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3]);
        output.Write([6, 0, (byte)'B', (byte)'C', 2, 0, 0, 0]); // FEXTRA, as bgzip writes it
        output.Write("name.txt\0"u8);
        output.Write("a comment\0"u8);
        output.Write([0, 0]); // FHCRC (not checked)
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(content));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)content.Length);
        output.Write(trailer);
        return output.ToArray();
    }

    private static byte[] ReadAll(byte[] compressed, string name = "test.gz")
    {
        using var gzip = new GzipTextStream(new MemoryStream(compressed), name);
        using var text = new MemoryStream();
        gzip.CopyTo(text, 7919); // an odd buffer size, so reads end anywhere inside members
        return text.ToArray();
    }

    [Fact]
    public void OneMember_ReadsBack()
    {
        byte[] text = Text(300_000, 1);

        Assert.Equal(text, ReadAll(Gzip(text)));
    }

    [Fact]
    public void ConcatenatedMembers_AndOptionalHeaderFields_ReadAsTheConcatenatedText()
    {
        byte[] a = Text(200_000, 2), b = Text(10, 3), c = Text(90_000, 4);
        // GZipStream writes no member at all for empty input; this is what gzip -c < /dev/null writes.
        byte[] empty = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] compressed = [.. Gzip(a), .. GzipWithHeaderFields(b), .. empty, .. GzipWithHeaderFields(c)];
        using var gzip = new GzipTextStream(new MemoryStream(compressed), "multi.gz");
        using var text = new MemoryStream();

        gzip.CopyTo(text);

        Assert.Equal([.. a, .. b, .. c], text.ToArray());
        Assert.Equal(4, gzip.Members);
        Assert.Equal(a.Length + b.Length + c.Length, gzip.TextBytes);
    }

    [Fact]
    public void IncompressibleMember_LongerThanManyReadAheads_FindsItsTrailer()
    {
        byte[] noise = new byte[1 << 20];
        new Random(5).NextBytes(noise);

        Assert.Equal([.. noise, .. noise], ReadAll([.. Gzip(noise), .. Gzip(noise)]));
    }

    [Fact]
    public void TrailingZeroPadding_IsAccepted_AsGzipDoes()
    {
        byte[] text = Text(5000, 6);

        Assert.Equal(text, ReadAll([.. Gzip(text), .. new byte[1000]]));
    }

    [Theory]
    [InlineData("half", 0.5)]
    [InlineData("a tenth", 0.1)]
    [InlineData("the 8-byte trailer", -8)]
    [InlineData("the trailer's length", -4)]
    [InlineData("one byte", -1)]
    [InlineData("the header", 5)]
    public void Truncated_FailsNamingTheFile(string cut, double keep)
    {
        byte[] compressed = Gzip(Text(100_000, 7));
        int length = keep switch
        {
            < 0 => compressed.Length + (int)keep,
            < 1 => (int)(compressed.Length * keep),
            _ => (int)keep,
        };

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(compressed[..length], "cut.gz"));

        Assert.StartsWith("cut.gz: byte ", error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.True(error.Message.Length < 300, cut);
    }

    [Fact]
    public void LastMemberTruncated_AfterAWholeOne_Fails()
    {
        byte[] whole = Gzip(Text(50_000, 8));
        byte[] second = Gzip(Text(50_000, 9));

        var error = Assert.Throws<InvalidDataException>(() => ReadAll([.. whole, .. second[..^8]], "two.gz"));

        Assert.Contains($"two.gz: byte {whole.Length}: ", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData(-8)] // CRC32
    [InlineData(-2)] // length
    public void WrongTrailer_FailsAsDamaged(int at)
    {
        byte[] compressed = Gzip(Text(20_000, 10));
        compressed[^-at] ^= 0x01;

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(compressed, "bad.gz"));

        Assert.StartsWith("bad.gz: byte ", error.Message);
        Assert.Matches("damaged|truncated", error.Message);
    }

    [Fact]
    public void DamagedDeflateData_FailsNamingTheFileAndAByte()
    {
        byte[] compressed = Gzip(Text(200_000, 11));
        for (int i = 30; i < 60; i++)
        {
            compressed[i] = 0xFF;
        }

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(compressed, "broken.gz"));

        Assert.Matches(@"^broken\.gz: byte \d+: the gzip data is (damaged|truncated)", error.Message);
    }

    [Theory]
    [InlineData("plain text", "just some words\n")]
    [InlineData("another magic", "PK\u0003\u0004zip")]
    public void NotGzip_FailsNamingTheFile(string what, string content)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReadAll(Encoding.ASCII.GetBytes(content), "text.gz"));

        Assert.Equal("text.gz: byte 0: not gzip data (it does not start with the bytes 1f 8b).", error.Message);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void GarbageAfterAMember_Fails()
    {
        byte[] compressed = Gzip(Text(1000, 12));

        var error = Assert.Throws<InvalidDataException>(() => ReadAll([.. compressed, .. "tail"u8.ToArray()], "tail.gz"));

        Assert.Contains($"tail.gz: byte {compressed.Length}: after 1 gzip member(s)", error.Message);
    }

    [Fact]
    public void Open_ReadsAFile()
    {
        using var temp = new TempDirectory();
        string path = temp.File("f.gz");
        byte[] text = Text(1000, 13);
        File.WriteAllBytes(path, Gzip(text));
        using GzipTextStream gzip = GzipTextStream.Open(path);
        using var read = new MemoryStream();

        gzip.CopyTo(read);

        Assert.Equal(text, read.ToArray());
    }
}

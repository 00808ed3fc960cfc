using FastSgns.Corpus;
using FastSgns.Pipeline;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Reliability;

/// <summary>Corpus bytes the tokenizer must survive: tokens are bytes, never decoded before output.</summary>
public sealed class CorpusBadInputTests
{
    private static readonly TrainingOptions s_tiny = new() { Dim = 8, Epochs = 1, Threads = 1, MinCount = 1 };

    [Theory]
    [InlineData(0x80, 150, 97)]
    [InlineData(0xBF, 1 << 20, 97)]
    [InlineData((int)'a', 1 << 20, 100)]
    public void Truncate_NeverCutsATokenToNothing(int fill, int length, int expected)
    {
        byte[] token = [.. Enumerable.Repeat((byte)fill, length)];

        Assert.Equal(expected, Tokenizer.Truncate(token).Length);
    }

    [Fact]
    public void Truncate_StillKeepsAFourByteCharacterWhole()
    {
        // 97 ASCII bytes then U+1F600 (4 bytes) straddling the limit: cut before it, at 97.
        byte[] token = [.. Enumerable.Repeat((byte)'a', 97), 0xF0, 0x9F, 0x98, 0x80, (byte)'b'];

        Assert.Equal(97, Tokenizer.Truncate(token).Length);
    }

    [Fact]
    public void Counter_ContinuationByteRun_GivesOneNonEmptyWord()
    {
        byte[] text = [.. Enumerable.Repeat((byte)0x80, 1000), (byte)' ', (byte)'a'];

        Utf8WordTable table = VocabularyCounter.Count(text, out long tokens);

        Assert.Equal(2, tokens);
        Assert.Equal(2, table.Count);
        Assert.Equal(97, table.GetWord(0).Length);
    }

    [Fact]
    public void TrainText_WhitespaceOnly_ThrowsInvalidData()
    {
        var pipeline = new TrainingPipeline(s_tiny);

        var error = Assert.Throws<InvalidDataException>(() => pipeline.TrainText(" \t\r\n\v\f\n"u8.ToArray()));

        Assert.Contains("0 word(s)", error.Message);
    }

    [Fact]
    public void TrainText_NulIsWhitespace_AsInTheHolesOfSparseFiles()
    {
        var pipeline = new TrainingPipeline(s_tiny);

        var vectors = pipeline.TrainText([.. Enumerable.Repeat("a\0b c\0\n"u8.ToArray(), 10).SelectMany(l => l)]);

        Assert.Equal(["a", "b", "c"], vectors.Words.Order().ToArray());
    }
}

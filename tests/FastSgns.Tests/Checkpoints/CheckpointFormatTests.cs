using System.Buffers.Binary;
using System.Text.RegularExpressions;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Checkpoints.CheckpointRuns;

namespace FastSgns.Tests.Checkpoints;

/// <summary>A checkpoint of another format version, cut short or damaged is refused with an error naming the file.</summary>
public sealed class CheckpointFormatTests
{
    /// <summary>Where the int32 format version sits: right after the 8-byte magic.</summary>
    private const int VersionOffset = 8;

    [Theory]
    [InlineData(1, "an older")]
    [InlineData(3, "a newer")]
    public void Resume_FromAnotherFormatVersion_IsRefused_NamingTheFile(int version, string writer)
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(VersionOffset), version);
        File.WriteAllBytes(checkpoint, bytes);

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.StartsWith($"{checkpoint}: the checkpoint was written by {writer} FastSgns (format {version};", error.Message);
        Assert.Contains("start afresh without --resume", error.Message);
    }

    [Fact]
    public void Resume_FromATruncatedCheckpoint_FailsAsTruncated()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is truncated.", error.Message);
    }

    [Fact]
    public void Load_CutAnywhere_FailsAsTruncatedOrDamaged()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] whole = File.ReadAllBytes(checkpoint);
        CheckpointHeader header = CheckpointHeader.Read(checkpoint);
        using var input = new EmbeddingMatrix(header.Vocabulary!.Count, Options().Dim);
        using var output = new EmbeddingMatrix(header.Vocabulary.Count, Options().Dim);
        string cut = temp.File("cut.checkpoint");
        // Byte by byte through the identity and into the vocabulary, in steps through the rest, byte by byte at the end.
        IEnumerable<int> lengths = Enumerable.Range(VersionOffset + sizeof(int), 500)
            .Concat(Enumerable.Range(0, 200).Select(i => (int)((long)whole.Length * i / 200)))
            .Concat(Enumerable.Range(whole.Length - 16, 16))
            .Where(length => length >= VersionOffset + sizeof(int) && length < whole.Length)
            .Distinct();

        foreach (int length in lengths)
        {
            File.WriteAllBytes(cut, whole[..length]);

            var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(cut, header.Identity, input, output));

            Assert.Matches($"^{Regex.Escape(cut)}: the checkpoint is (truncated|damaged)", error.Message);
        }
    }

    [Fact]
    public void Resume_FromACheckpointWithAnotherEnding_FailsAsDamaged()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(checkpoint, bytes);

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged (it does not end as written).", error.Message);
    }
}

using System.Buffers.Binary;
using System.Text.RegularExpressions;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Checkpoints.CheckpointRuns;

namespace FastSgns.Tests.Checkpoints;

/// <summary>
/// A checkpoint of another format version, cut short, with a bit flipped or a value out of range in any section is
/// refused with one error naming the file and the damage, before training starts: damage is never resumed nor
/// blamed on the user's options.
/// </summary>
public sealed class CheckpointFormatTests
{
    /// <summary>Where the int32 format version sits: right after the 8-byte magic.</summary>
    private const int VersionOffset = 8;

    /// <summary>Resume bounds that every value of a sound checkpoint of <see cref="CheckpointRuns.Options"/> fits.</summary>
    private static readonly ResumeBounds LooseBounds = new([0, long.MaxValue], Epochs: 3, TotalWords: long.MaxValue);

    [Theory]
    [InlineData(1, "an older")]
    [InlineData(2, "an older")]
    [InlineData(3, "an older")]
    [InlineData(4, "an older")]
    [InlineData(5, "an older")]
    [InlineData(7, "a newer")]
    public void Resume_FromAnotherFormatVersion_IsRefused_NamingTheFileAndTheVersion(int version, string writer)
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, _) => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(VersionOffset), version));

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint was written by {writer} FastSgns (format {version}; this one reads format 6); start afresh instead of resuming.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0x7fffffff)]
    public void Resume_WithAnImpossibleVersion_FailsAsDamaged(int version)
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, _) => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(VersionOffset), version));

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged: its format version reads {version}; start afresh instead of resuming.", error.Message);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("vocabulary")]
    [InlineData("progress")]
    [InlineData("matrices")]
    public void Resume_TruncatedInsideASection_FailsNamingTheSection(string section)
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        var (_, payloadAt, length) = CheckpointSections.Of(bytes)[section];
        File.WriteAllBytes(checkpoint, bytes[..(payloadAt + length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged: section {section} is recorded as {length} bytes long but the file has {Math.Max(length / 2 - 8, 0)} left for it (truncated?); start afresh instead of resuming.", error.Message);
    }

    [Fact]
    public void Load_CutAnywhere_FailsAsDamagedOrNotACheckpoint()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] whole = File.ReadAllBytes(checkpoint);
        CheckpointHeader header = CheckpointHeader.Read(checkpoint);
        using var input = new EmbeddingMatrix(header.Vocabulary!.Count, Options().Dim);
        using var output = new EmbeddingMatrix(header.Vocabulary.Count, Options().Dim);
        string cut = temp.File("cut.checkpoint");
        // Byte by byte through the preamble, the identity and into the vocabulary, in steps through the rest, byte by byte at the end.
        IEnumerable<int> lengths = Enumerable.Range(0, 600)
            .Concat(Enumerable.Range(0, 200).Select(i => (int)((long)whole.Length * i / 200)))
            .Concat(Enumerable.Range(whole.Length - 40, 40))
            .Where(length => length < whole.Length)
            .Distinct();

        foreach (int length in lengths)
        {
            File.WriteAllBytes(cut, whole[..length]);

            var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(cut, header.Identity, LooseBounds, input, output));

            Assert.Matches($"^{Regex.Escape(cut)}: (the checkpoint is damaged: .*; start afresh instead of resuming\\.|not a FastSgns checkpoint)", error.Message);
        }
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("vocabulary")]
    [InlineData("progress")]
    [InlineData("matrices")]
    public void Resume_WithABitFlippedInASection_FailsAsAChecksumMismatch_NamingTheSection(string section)
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, sections) =>
        {
            var (_, payloadAt, length) = sections[section];
            bytes[payloadAt + length * 2 / 3] ^= 0x10;
        });

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged: section {section} checksum mismatch; start afresh instead of resuming.", error.Message);
    }

    [Fact]
    public void Load_WithAnyOneBitFlipped_FailsAsDamaged()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] whole = File.ReadAllBytes(checkpoint);
        CheckpointHeader header = CheckpointHeader.Read(checkpoint);
        using var input = new EmbeddingMatrix(header.Vocabulary!.Count, Options().Dim);
        using var output = new EmbeddingMatrix(header.Vocabulary.Count, Options().Dim);
        string flipped = temp.File("flipped.checkpoint");
        var random = new Random(13);
        // Every byte of the frame and the small sections, then samples of the matrices.
        IEnumerable<int> offsets = Enumerable.Range(0, CheckpointSections.Of(whole)["matrices"].PayloadAt + 16)
            .Concat(Enumerable.Range(0, 300).Select(_ => random.Next(whole.Length)))
            .Concat(Enumerable.Range(whole.Length - 24, 24));

        foreach (int offset in offsets)
        {
            byte[] bytes = (byte[])whole.Clone();
            bytes[offset] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(flipped, bytes);

            var error = Assert.Throws<InvalidDataException>(() =>
            {
                CheckpointHeader.Read(flipped).Verify(flipped, header.Identity);
                TrainingCheckpoint.Load(flipped, header.Identity, LooseBounds, input, output);
            });

            Assert.Matches($"^{Regex.Escape(flipped)}: (the checkpoint is damaged: |not a FastSgns checkpoint|the checkpoint was written by)", error.Message);
        }
    }

    [Fact]
    public void Resume_WithZeroedMatrixBytes_FailsAsAChecksumMismatch()
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, sections) =>
        {
            var (_, payloadAt, length) = sections["matrices"];
            bytes.AsSpan(payloadAt + 8, length - 8).Clear();
        });

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged: section matrices checksum mismatch; start afresh instead of resuming.", error.Message);
    }

    /// <summary>A NaN written with a matching checksum: damage, not the divergence message that blames --alpha.</summary>
    [Fact]
    public void Resume_WithANaNInTheMatrices_FailsAsDamaged_NotAsDiverged()
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, sections) =>
        {
            var (_, payloadAt, _) = sections["matrices"];
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(payloadAt + 8 + 4 * 30), float.NaN);
            sections.Rehash(bytes, "matrices");
        });

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged: section matrices holds values that are not finite numbers; start afresh instead of resuming.", error.Message);
    }

    /// <summary>Values out of range behind a forged checksum: each is caught by its range check, before any use.</summary>
    [Theory]
    [InlineData("progress", 8, -1, "records -1 workers, more than its 56 remaining bytes can hold")]
    [InlineData("progress", 8, 0x7fffffff, "records 2147483647 workers, more than its 56 remaining bytes can hold")]
    [InlineData("progress", 12, 99, "gives worker 0 epoch 99, outside 0 to 3")]
    [InlineData("progress", 12, -1, "gives worker 0 epoch -1, outside 0 to 3")]
    [InlineData("progress", 4, -1, "counts")]
    [InlineData("progress", 60, 0, "gives worker 0 its last epoch's end 4294967295, outside its slice 0 to ")]
    [InlineData("progress", 64, 1, "records 1 moved ranges, more than its 0 remaining bytes can hold")]
    [InlineData("vocabulary", 0, 0x7fffffff, "records 2147483647 words, more than its")]
    [InlineData("vocabulary", 0, 1, "holds 1 words; training needs at least 2")]
    [InlineData("identity", 0, -1, "records -1 identity entries, more than its")]
    [InlineData("identity", 0, 0x7fffffff, "records 2147483647 identity entries, more than its")]
    [InlineData("matrices", 0, 0x7fffffff, "holds 2147483647×24 vectors and")]
    [InlineData("matrices", 4, -3, "holds ")]
    public void Resume_WithAnOutOfRangeValue_FailsAsDamaged_NamingTheSection(string section, int offset, int value, string why)
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, sections) =>
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sections[section].PayloadAt + offset), value);
            sections.Rehash(bytes, section);
        });

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.StartsWith($"{checkpoint}: the checkpoint is damaged: section {section} {why}", error.Message);
        Assert.EndsWith("; start afresh instead of resuming.", error.Message);
    }

    [Fact]
    public void Resume_WithAWorkerOutsideItsSlice_FailsAsDamaged()
    {
        using var temp = new TempDirectory();
        string checkpoint = Damage(temp, (bytes, sections) =>
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(sections["progress"].PayloadAt + 16), long.MaxValue);
            sections.Rehash(bytes, "progress");
        });

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Matches($"^{Regex.Escape(checkpoint)}: the checkpoint is damaged: section progress gives worker 0 position {long.MaxValue}, outside its slice 0 to \\d+;", error.Message);
    }

    [Fact]
    public void Resume_WithBytesAfterTheEnd_OrAnotherEnding_FailsAsDamaged()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, [.. bytes, 0]);

        var extra = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(checkpoint, bytes);
        var ending = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint)));

        Assert.Equal($"{checkpoint}: the checkpoint is damaged: 1 bytes follow its end; start afresh instead of resuming.", extra.Message);
        Assert.Equal($"{checkpoint}: the checkpoint is damaged: it does not end with FSGNSEND after its last section; start afresh instead of resuming.", ending.Message);
    }

    /// <summary>Interrupts a run, applies <paramref name="damage"/> to its checkpoint and returns the checkpoint's path.</summary>
    private static string Damage(TempDirectory temp, Action<byte[], CheckpointSections> damage)
    {
        string checkpoint = Interrupted(temp);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        damage(bytes, CheckpointSections.Of(bytes));
        File.WriteAllBytes(checkpoint, bytes);
        return checkpoint;
    }
}

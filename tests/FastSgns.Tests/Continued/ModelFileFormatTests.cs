using System.Buffers.Binary;
using System.Text.RegularExpressions;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Continued.ContinuedRuns;

namespace FastSgns.Tests.Continued;

/// <summary>
/// The full model file round-trips exactly, and a file of another version, cut short or with any byte changed is
/// refused with one error naming the file (and, inside a section, the byte where the section's payload starts).
/// </summary>
public sealed class ModelFileFormatTests
{
    private static string Pattern(string path) =>
        $"^{Regex.Escape(path)}: (the model file is damaged: .*; it cannot be used; save the model again\\.|not a FastSgns model file|the model file was written by)";

    [Fact]
    public void SaveModel_ThenLoadModel_GivesTheSameModel_AndSavesTheSameBytes()
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        using SgnsModel trained = SgnsModel.TrainText(Text, Options(), new TrainingRunSettings { KeepTrainingState = true, WorkDirectory = temp.Path });

        using SgnsModel loaded = SgnsModel.LoadModel(path);

        Assert.True(loaded.HasTrainingState);
        Assert.Equal(trained.Words, loaded.Words);
        for (int i = 0; i < trained.Count; i++)
        {
            Assert.True(trained.GetVector(i).SequenceEqual(loaded.GetVector(i)), $"row {i} differs");
        }

        Assert.Equal(Options() with { Threads = new FastSgns.Training.TrainingOptions().Threads }, loaded.TrainingOptions);
        Assert.Equal(Options().Epochs, SgnsModel.ReadModelOptions(path).Epochs);
        string again = temp.File("again.fsgns");
        loaded.SaveModel(again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Fact]
    public void SaveModel_OfVectorsOnly_SaysWhereAFullModelComesFrom()
    {
        using var temp = new TempDirectory();
        using SgnsModel model = SgnsModel.TrainText(Text, Options());

        Assert.False(model.HasTrainingState);
        Assert.Null(model.TrainingOptions);
        var error = Assert.Throws<InvalidOperationException>(() => model.SaveModel(temp.File("m.fsgns")));
        Assert.Contains("KeepTrainingState", error.Message);
    }

    [Theory]
    [InlineData(0, "its format version reads 0")]
    [InlineData(2, "newer")]
    public void LoadModel_OfAnotherVersion_IsRefused(int version, string words)
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(path));

        Assert.Matches(Pattern(path), error.Message);
        Assert.Contains(words, error.Message);
        if (version == 2)
        {
            Assert.Equal($"{path}: the model file was written by a newer FastSgns (format 2; this one reads format 1); it cannot be used; save the model again.", error.Message);
        }
    }

    [Fact]
    public void LoadModel_OfACheckpointOrVectors_SaysItIsNotAModelFile()
    {
        using var temp = new TempDirectory();
        string vectors = temp.File("v.txt");
        using (SgnsModel model = SgnsModel.TrainText(Text, Options()))
        {
            model.Save(vectors);
        }

        var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(vectors));
        Assert.Equal($"{vectors}: not a FastSgns model file (it does not start with FSGNSMDL).", error.Message);
    }

    [Fact]
    public void LoadModel_CutAnywhere_IsRefusedAsDamaged()
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        byte[] whole = File.ReadAllBytes(path);
        string cut = temp.File("cut.fsgns");
        IEnumerable<int> lengths = Enumerable.Range(0, 400)
            .Concat(Enumerable.Range(0, 300).Select(i => (int)((long)whole.Length * i / 300)))
            .Concat(Enumerable.Range(whole.Length - 40, 40))
            .Where(length => length < whole.Length)
            .Distinct();

        foreach (int length in lengths)
        {
            File.WriteAllBytes(cut, whole[..length]);

            var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(cut));

            Assert.Matches(Pattern(cut), error.Message);
        }
    }

    [Fact]
    public void LoadModel_WithAnyByteChanged_IsRefused()
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        byte[] whole = File.ReadAllBytes(path);
        string flipped = temp.File("flipped.fsgns");
        // Every byte of the front (preamble, options, vocabulary, schedule, layout), then a stride through the matrices.
        IEnumerable<int> offsets = Enumerable.Range(0, Math.Min(whole.Length, 3000)).Concat(Enumerable.Range(0, 400).Select(i => (int)((long)whole.Length * i / 400))).Distinct();

        foreach (int offset in offsets)
        {
            byte[] bytes = (byte[])whole.Clone();
            bytes[offset] ^= 0x24;
            File.WriteAllBytes(flipped, bytes);

            var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(flipped));

            Assert.Matches(Pattern(flipped), error.Message);
        }
    }

    [Fact]
    public void Damage_InAMatrix_NamesTheSectionAndWhereItStarts()
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        byte[] bytes = File.ReadAllBytes(path);
        // Sections: options, vocabulary, schedule, layout, input, output; each int64 length, payload, uint64 checksum.
        int at = 12;
        var payloads = new List<(int Start, int Length)>();
        for (int s = 0; s < 6; s++)
        {
            int length = checked((int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at)));
            payloads.Add((at + 8, length));
            at += 8 + length + 8;
        }

        Assert.Equal(bytes.Length, at + 8);
        var (start, size) = payloads[5];
        bytes[start + size / 2] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(path));

        Assert.Equal($"{path}: the model file is damaged: section output (payload from byte {start}) checksum mismatch; it cannot be used; save the model again.", error.Message);
    }
}

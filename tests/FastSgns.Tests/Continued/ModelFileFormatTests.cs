using System.Buffers.Binary;
using System.IO.Hashing;
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

        // The file records Alpha explicitly (a default alpha depends on the model): set it here too, to compare records.
        Assert.Equal(Options() with { Threads = new FastSgns.Training.TrainingOptions().Threads, Alpha = Options().Alpha }, loaded.TrainingOptions);
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
    [InlineData(3, "newer")]
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
        if (version == 3)
        {
            Assert.Equal($"{path}: the model file was written by a newer FastSgns (format 3; this one reads formats 1 to 2); it cannot be used; save the model again.", error.Message);
        }
    }

    [Fact]
    public void LoadModel_OfFormat1_ReadsAsTheSameModelWithoutATree()
    {
        // Format 1 is format 2 without the tree matrix: a model without hierarchical softmax marked 1 is a format 1 file.
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        string old = temp.File("old.fsgns");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 1);
        File.WriteAllBytes(old, bytes);

        using SgnsModel current = SgnsModel.LoadModel(path);
        using SgnsModel loaded = SgnsModel.LoadModel(old);

        Assert.Equal(current.Words, loaded.Words);
        Assert.Equal(current.TrainingOptions, loaded.TrainingOptions);
        Assert.True(current.GetVector(current.Count - 1).SequenceEqual(loaded.GetVector(loaded.Count - 1)));
        string again = temp.File("again.fsgns");
        loaded.SaveModel(again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again)); // saved as format 2
    }

    [Fact]
    public void HierarchicalSoftmaxModel_RoundTrips_WithItsTreeMatrix()
    {
        using var temp = new TempDirectory();
        string path = temp.File("hs.fsgns");
        var options = Options() with { HierarchicalSoftmax = true, Negative = 0 };
        using (SgnsModel trained = SgnsModel.TrainText(Text, options, new TrainingRunSettings { KeepTrainingState = true, WorkDirectory = temp.Path }))
        {
            trained.SaveModel(path);
        }

        using SgnsModel loaded = SgnsModel.LoadModel(path);
        string again = temp.File("again.fsgns");
        loaded.SaveModel(again);

        Assert.True(loaded.TrainingOptions!.HierarchicalSoftmax);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        byte[] bytes = File.ReadAllBytes(path);
        // The tree section (words − 1 rows of Dim floats behind its shape) closes the file, before the end magic.
        int treeBytes = 2 * sizeof(int) + (loaded.Count - 1) * options.Dim * sizeof(float);
        int treeStart = bytes.Length - 8 - sizeof(ulong) - treeBytes;
        Assert.Equal(treeBytes, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(treeStart - sizeof(long))));
        Assert.Equal(loaded.Count - 1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(treeStart)));
        // A trained tree is not all zeros (the section could otherwise be written without its contents).
        Assert.Contains(bytes.AsSpan(treeStart + 8, treeBytes - 8).ToArray(), b => b != 0);

        // Damage in the tree is refused like damage anywhere, naming the section.
        bytes[treeStart + treeBytes / 2] ^= 0x10;
        File.WriteAllBytes(again, bytes);
        var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(again));
        Assert.Equal($"{again}: the model file is damaged: section tree (payload from byte {treeStart}) checksum mismatch; it cannot be used; save the model again.", error.Message);
        File.WriteAllBytes(again, bytes[..(treeStart + 100)]);
        Assert.Matches(Pattern(again), Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(again)).Message);
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

    /// <summary>Each section's payload (start, length), in file order: options, vocabulary, schedule, layout, input, output.</summary>
    private static List<(int Start, int Length)> Sections(byte[] bytes)
    {
        int at = 12;
        var payloads = new List<(int Start, int Length)>();
        for (int s = 0; s < 6; s++)
        {
            int length = checked((int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at)));
            payloads.Add((at + 8, length));
            at += 8 + length + 8;
        }

        Assert.Equal(bytes.Length, at + 8);
        return payloads;
    }

    [Theory]
    [InlineData("options count", "section options (payload from byte 20) records 2147483647 options, more than its")]
    [InlineData("Dim 00", "section options (payload from byte 20) gives Dim a value that must be between 1 and 10000, got 0")]
    [InlineData("epochs -1", "section schedule (payload from byte")]
    [InlineData("workers 0", "records 0 workers, outside 1 to 1024")]
    [InlineData("dim 0", "gives the dimension 0, outside 1 to 10000")]
    [InlineData("NaN", "section input (payload from byte")]
    public void OutOfRangeValues_BehindAForgedChecksum_AreRefusedAsDamage(string what, string message)
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        byte[] bytes = File.ReadAllBytes(path);
        var sections = Sections(bytes);
        int section;
        switch (what)
        {
            case "options count":
                section = 0;
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sections[0].Start), int.MaxValue);
                break;
            case "Dim 00":
                section = 0;
                // The first option is Dim: count (4), "Dim" (1 + 3), then "16" (1 + 2).
                bytes[sections[0].Start + 4 + 4 + 1] = (byte)'0';
                bytes[sections[0].Start + 4 + 4 + 2] = (byte)'0';
                break;
            case "epochs -1":
                section = 2;
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sections[2].Start), -1);
                break;
            case "workers 0":
                section = 2;
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sections[2].Start + sections[2].Length - 8 - 4), 0);
                break;
            case "dim 0":
                section = 3;
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sections[3].Start), 0);
                break;
            default:
                section = 4;
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(sections[4].Start + 8), float.NaN);
                break;
        }

        var (start, length) = sections[section];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(start + length), XxHash3.HashToUInt64(bytes.AsSpan(start, length)));
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(path));

        Assert.StartsWith($"{path}: the model file is damaged: ", error.Message);
        Assert.Contains(message, error.Message);
        Assert.EndsWith("; it cannot be used; save the model again.", error.Message);
    }

    [Fact]
    public void Damage_InAMatrix_NamesTheSectionAndWhereItStarts()
    {
        using var temp = new TempDirectory();
        string path = SavedModel(temp);
        byte[] bytes = File.ReadAllBytes(path);
        // Sections: options, vocabulary, schedule, layout, input, output; each int64 length, payload, uint64 checksum.
        var (start, size) = Sections(bytes)[5];
        bytes[start + size / 2] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SgnsModel.LoadModel(path));

        Assert.Equal($"{path}: the model file is damaged: section output (payload from byte {start}) checksum mismatch; it cannot be used; save the model again.", error.Message);
    }
}

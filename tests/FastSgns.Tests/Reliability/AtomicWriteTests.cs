using FastSgns.Embeddings;
using FastSgns.IO;
using FastSgns.Pipeline;
using FastSgns.Tests.Support;
using FastSgns.Training;
using FastSgns.Vocabulary;
using FastSgns.Writers;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>Every output is written atomically: a failure at any point leaves the previous file and no temporary.</summary>
public sealed class AtomicWriteTests
{
    private static WordEmbeddings Vectors(int count, int dim)
    {
        var data = new float[count * dim];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i * 0.001f;
        }

        return WordEmbeddings.FromRowMajor([.. Enumerable.Range(0, count).Select(i => $"w{i}")], data, dim);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 5000)]
    [InlineData(true, 0)]
    [InlineData(true, 70_000)]
    public void VectorWriter_DiskFullMidway_KeepsThePreviousModel_AndNoTemporary(bool binary, long capacity)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("model.vec", "previous");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => Word2VecWriter.Write(Vectors(2000, 32), new FailingStream(stream, capacity), binary)));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void VectorWriter_TargetIsADirectory_FailsAndLeavesNoTemporary()
    {
        using var temp = new TempDirectory();
        string path = Directory.CreateDirectory(temp.File("model.vec")).FullName;

        Assert.ThrowsAny<IOException>(() => Word2VecWriter.Save(Vectors(3, 2), path, binary: false));

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void VocabularyFile_TargetIsADirectory_FailsAndLeavesNoTemporary()
    {
        using var temp = new TempDirectory();
        string path = Directory.CreateDirectory(temp.File("vocab.txt")).FullName;
        Vocab vocabulary = Vocab.Build(VocabularyCounter.Count("a b a\n"u8, out _), 1, 0);

        Assert.ThrowsAny<IOException>(() => VocabularyFile.Save(vocabulary, path));

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void AtomicFile_MissingDirectory_FailsNamingIt()
    {
        using var temp = new TempDirectory();
        string path = temp.File("no/such/model.vec");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Word2VecWriter.Save(Vectors(3, 2), path, binary: true));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Pipeline_FailingVocabularySave_LeavesNoIdFile()
    {
        using var temp = new TempDirectory();
        string blocked = Directory.CreateDirectory(temp.File("vocab.txt")).FullName;
        var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 1, MinCount = 1 })
        {
            WorkDirectory = temp.Path,
            SaveVocabularyPath = blocked,
        };

        Assert.ThrowsAny<IOException>(() => pipeline.TrainFiles([SyntheticFile(temp, 200)]));

        Assert.Empty(Leftovers(temp.Path));
    }

    [Fact]
    public void Pipeline_MissingWorkDirectory_FailsWithoutMaskingTheError()
    {
        using var temp = new TempDirectory();
        var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 1, MinCount = 1 })
        {
            WorkDirectory = temp.File("gone"),
        };

        var error = Assert.Throws<DirectoryNotFoundException>(() => pipeline.TrainFiles([SyntheticFile(temp, 200)]));

        Assert.Contains(temp.File("gone"), error.Message);
    }
}

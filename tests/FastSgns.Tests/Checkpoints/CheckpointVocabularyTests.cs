using System.Text;
using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Tests.Support;
using FastSgns.Training;
using FastSgns.Vocabulary;
using static FastSgns.Tests.Checkpoints.CheckpointRuns;

namespace FastSgns.Tests.Checkpoints;

/// <summary>
/// A checkpoint carries its vocabulary, so --resume reads it instead of counting the corpus again, and checks the
/// input's names and size instead of a recount's hash.
/// </summary>
public sealed class CheckpointVocabularyTests
{
    [Fact]
    public void Resume_SkipsCounting_AndMatchesAnUninterruptedRun()
    {
        using var temp = new TempDirectory();
        WordEmbeddings expected = Train(temp, Options(), null);
        string checkpoint = Interrupted(temp, stopAfterWords: 40_000);
        var log = new List<string>();
        var pipeline = new TrainingPipeline(Options()) { WorkDirectory = temp.Path, Checkpoints = Resume(checkpoint), Log = log.Add };

        WordEmbeddings resumed = pipeline.TrainFiles([CorpusFile(temp)]);

        Assert.Contains(log, line => line.StartsWith("vocabulary:", StringComparison.Ordinal) && line.Contains($"read from checkpoint {checkpoint}") && line.EndsWith("(counting skipped)", StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.StartsWith("count:", StringComparison.Ordinal));
        Assert.Contains(log, line => line.StartsWith("encode:", StringComparison.Ordinal));
        Assert.Equal(expected.Words, pipeline.Vocabulary!.Words);
        Assert.True(expected.Vectors.Values().SequenceEqual(resumed.Vectors.Values()), "resumed vectors differ from the uninterrupted run");
    }

    [Fact]
    public void Resume_WithReadVocab_TakesTheCheckpointsVocabulary_WithoutReadingTheFile()
    {
        using var temp = new TempDirectory();
        string vocabulary = temp.File("vocab.txt");
        string checkpoint = temp.File("model.checkpoint");
        WordEmbeddings expected = new TrainingPipeline(Options()) { WorkDirectory = temp.Path, SaveVocabularyPath = vocabulary }.TrainFiles([CorpusFile(temp)]);
        Assert.Throws<TrainingInterruptedException>(() =>
            Pipeline(new CheckpointPlan { Path = checkpoint, StopAfterWords = 20_000 }).TrainFiles([CorpusFile(temp)]));
        File.Delete(vocabulary);
        var log = new List<string>();

        WordEmbeddings resumed = Pipeline(Resume(checkpoint), log).TrainFiles([CorpusFile(temp)]);

        Assert.Contains(log, line => line.EndsWith($"({vocabulary} not read again)", StringComparison.Ordinal));
        Assert.True(expected.Vectors.Values().SequenceEqual(resumed.Vectors.Values()), "resumed vectors differ from the uninterrupted run");

        TrainingPipeline Pipeline(CheckpointPlan plan, List<string>? log = null) =>
            new(Options()) { WorkDirectory = temp.Path, ReadVocabularyPath = vocabulary, Checkpoints = plan, Log = log is null ? null : log.Add };
    }

    [Fact]
    public void Resume_OnACorpusOfAnotherSize_FailsBeforeEncoding_NamingTheCheckpointAndTheSizes()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);
        // One more occurrence of the most frequent word: the same vocabulary, other bytes.
        byte[] other = [.. Text, .. Encoding.UTF8.GetBytes("\n" + CheckpointHeader.Read(checkpoint).Vocabulary![0] + "\n")];
        var log = new List<string>();

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options(), Resume(checkpoint), log, other));

        Assert.StartsWith(checkpoint + ": the checkpoint belongs to another run", error.Message);
        Assert.Contains($"InputBytes is {other.Length} now but {Text.Length} in the checkpoint", error.Message);
        Assert.DoesNotContain(log, line => line.StartsWith("encode:", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_WithAnotherMinCount_FailsNamingIt()
    {
        using var temp = new TempDirectory();
        string checkpoint = Interrupted(temp);

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Options() with { MinCount = 3 }, Resume(checkpoint)));

        Assert.Contains("MinCount is 3 now but 2 in the checkpoint", error.Message);
    }

    [Fact]
    public void Header_KeepsTheVocabularyByteForByte_EvenWordsThatAreNotUtf8()
    {
        using var temp = new TempDirectory();
        string path = temp.File("model.checkpoint");
        var table = new Utf8WordTable();
        table.Add("the"u8, 40);
        table.Add([0xff, 0xfe, (byte)'x'], 7);
        table.Add("ünïcode"u8, 7);
        Vocab vocabulary = Vocab.Build(table, minCount: 1, maxVocab: 0);
        using var input = new EmbeddingMatrix(vocabulary.Count, 4);
        using var output = new EmbeddingMatrix(vocabulary.Count, 4);
        KeyValuePair<string, string>[] identity = [new("Dim", "4"), new("InputFiles", "a.txt")];
        new TrainingCheckpoint { Identity = identity, WordsProcessed = 0, Workers = [] }.Save(path, vocabulary, input, output);

        CheckpointHeader header = CheckpointHeader.Read(path);

        Assert.Equal(identity, header.Identity);
        Vocab read = header.Vocabulary!;
        Assert.Equal(vocabulary.Count, read.Count);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            Assert.True(vocabulary.GetUtf8Word(i).SequenceEqual(read.GetUtf8Word(i)), $"word {i} differs");
            Assert.Equal(vocabulary.GetCount(i), read.GetCount(i));
            Assert.Equal(i, read.IndexOf(vocabulary.GetUtf8Word(i)));
        }
    }
}

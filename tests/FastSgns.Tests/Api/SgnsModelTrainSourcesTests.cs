using System.IO.Compression;
using System.Text;
using FastSgns.Synthetic;
using FastSgns.Training;
using Microsoft.Extensions.Logging;

namespace FastSgns.Tests.Api;

/// <summary>
/// Training from a <see cref="Stream"/> and from sentences (gensim's iterables): the same vectors as training on the
/// file, read once, nothing of the corpus kept in memory, nothing left in the work directory, and every option and
/// setting checked before the first sentence is asked for.
/// </summary>
public sealed class SgnsModelTrainSourcesTests
{
    private static readonly TrainingOptions s_exact = new() { Dim = 12, Epochs = 1, Threads = 1, MinCount = 2, Kernel = "scalar", Seed = 11 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stream_NotSeekable_TrainsExactlyAsTheFile_AndLeavesNothing(bool gzip)
    {
        using var temp = new TempDirectory();
        byte[] text = SyntheticCorpus.Generate(300).Text;
        string corpus = temp.File("corpus.txt");
        File.WriteAllBytes(corpus, text);
        string work = Directory.CreateDirectory(temp.File("work")).FullName;
        using SgnsModel expected = SgnsModel.Train([corpus], s_exact, new TrainingRunSettings { WorkDirectory = work }, TestContext.Current.CancellationToken);

        using var stream = new OneWayStream(gzip ? Gzip(text) : text);
        using SgnsModel model = SgnsModel.Train(stream, s_exact, new TrainingRunSettings { WorkDirectory = work }, TestContext.Current.CancellationToken);

        AssertSameVectors(expected, model);
        Assert.Equal(1, stream.Passes);
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    [Fact]
    public void Sentences_TrainExactlyAsTheSameSentencesInAFile_EnumeratedOnce()
    {
        using var temp = new TempDirectory();
        string[][] sentences = [.. Encoding.UTF8.GetString(SyntheticCorpus.Generate(300).Text).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(words => words.Length > 0)];
        string corpus = temp.Write("corpus.txt", string.Concat(sentences.Select(words => string.Join(' ', words) + "\n")));
        using SgnsModel expected = SgnsModel.Train([corpus], s_exact, new TrainingRunSettings { WorkDirectory = temp.Path }, TestContext.Current.CancellationToken);
        var source = new CountingSentences(sentences);

        using SgnsModel model = SgnsModel.Train(source, s_exact, new TrainingRunSettings { WorkDirectory = temp.Path }, TestContext.Current.CancellationToken);

        AssertSameVectors(expected, model);
        Assert.Equal(1, source.Enumerations);
        Assert.Equal(["corpus.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    /// <summary>
    /// A checkpointed run on sentences resumes on the same sentences to the bit, and refuses other ones: the
    /// checkpoint names the corpus "the sentences" (not the spool's random file name) and records its size.
    /// </summary>
    [Fact]
    public void Sentences_StopThenResume_IsBitIdentical_AndOtherSentencesAreRefused()
    {
        using var temp = new TempDirectory();
        string[][] sentences = [.. Encoding.UTF8.GetString(Checkpoints.CheckpointRuns.Text).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(words => words.Length > 0)];
        TrainingOptions options = Checkpoints.CheckpointRuns.Options();
        string checkpoint = temp.File("run.checkpoint");
        using SgnsModel expected = SgnsModel.Train(sentences, options, new TrainingRunSettings { WorkDirectory = temp.Path }, TestContext.Current.CancellationToken);
        var interrupted = new FastSgns.Pipeline.TrainingPipeline(options) { WorkDirectory = temp.Path, Checkpoints = new FastSgns.Checkpoints.CheckpointPlan { Path = checkpoint, StopAfterWords = 50_000 } };
        Assert.Throws<TrainingInterruptedException>(() => interrupted.TrainSpooled("the sentences", spool => FastSgns.Corpus.SentenceText.Write(sentences, spool, default)));
        var resume = new TrainingRunSettings { WorkDirectory = temp.Path, CheckpointPath = checkpoint, Resume = true };

        var refused = Assert.Throws<InvalidDataException>(() => SgnsModel.Train(sentences[1..], options, resume, TestContext.Current.CancellationToken));
        Assert.Contains("the checkpoint belongs to another run (InputBytes", refused.Message);
        using SgnsModel resumed = SgnsModel.Train(sentences, options, resume, TestContext.Current.CancellationToken);

        AssertSameVectors(expected, resumed);
        resumed.DeleteCheckpoint();
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("a b", "sentence 2, word 2 (\"a b\") contains whitespace")]
    [InlineData("", "sentence 2, word 2 is empty")]
    [InlineData(null, "sentence 2, word 2 is null")]
    public void Sentences_AWordThatIsNotOneToken_IsRefusedByPosition_LeavingNothing(string? word, string expected)
    {
        using var temp = new TempDirectory();
        IReadOnlyList<string>[] sentences = [["x", "y"], ["x", word!, "y"]];

        var error = Assert.Throws<ArgumentException>(() => SgnsModel.Train(sentences, s_exact, new TrainingRunSettings { WorkDirectory = temp.Path },
            TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Sentences_CancelledWhileEnumerated_Throw_LeavingNothing()
    {
        using var temp = new TempDirectory();
        using var cancellation = new CancellationTokenSource();

        IEnumerable<IReadOnlyList<string>> Endless()
        {
            for (long s = 0; ; s++)
            {
                if (s == 10_000)
                {
                    cancellation.Cancel();
                }

                yield return ["a", "b", "c"];
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(() => SgnsModel.Train(Endless(), s_exact, new TrainingRunSettings { WorkDirectory = temp.Path }, cancellation.Token));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    public static TheoryData<string> BadChoices => ["kernel", "option", "work directory", "resume", "read vocabulary"];

    [Theory]
    [MemberData(nameof(BadChoices))]
    public void BadChoice_FailsBeforeTheFirstSentenceOrByte(string what)
    {
        using var temp = new TempDirectory();
        TrainingOptions options = what switch
        {
            "kernel" => s_exact with { Kernel = "avx9" },
            "option" => s_exact with { Window = 0 },
            _ => s_exact,
        };
        var settings = what switch
        {
            "work directory" => new TrainingRunSettings { WorkDirectory = temp.File("missing") },
            "resume" => new TrainingRunSettings { CheckpointPath = temp.File("none.checkpoint"), Resume = true },
            "read vocabulary" => new TrainingRunSettings { ReadVocabularyPath = temp.File("none.vocab") },
            _ => new TrainingRunSettings(),
        };

        var fromSentences = Assert.ThrowsAny<Exception>(() => SgnsModel.Train(new NeverEnumerated(), options, settings, TestContext.Current.CancellationToken));
        var fromStream = Assert.ThrowsAny<Exception>(() => SgnsModel.Train(new NeverReadStream(), options, settings, TestContext.Current.CancellationToken));

        Assert.Equal(fromSentences.Message, fromStream.Message);
        Assert.IsNotType<InvalidOperationException>(fromSentences); // NeverEnumerated's complaint
        Assert.DoesNotContain("(Parameter", fromSentences.Message);
        Assert.Contains(what switch
        {
            "kernel" => "Kernel must be one of",
            "option" => "Window must be",
            "work directory" => "WorkDirectory must be an existing directory",
            "resume" => "none.checkpoint: no checkpoint to resume from.",
            _ => "none.vocab: vocabulary file not found.",
        }, fromSentences.Message);
    }

    [Fact]
    public void UnsupportedKernel_FailsBeforeTheFirstSentence()
    {
        string? unsupported = FastSgns.Kernels.KernelRegistry.All.FirstOrDefault(k => !k.IsSupported)?.Name;
        Assert.SkipWhen(unsupported is null, "every kernel runs on this machine");

        Assert.Throws<PlatformNotSupportedException>(() => SgnsModel.Train(new NeverEnumerated(), s_exact with { Kernel = unsupported! }, null,
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Logger_ReceivesTheStageLines_AndProgressTheSnapshots()
    {
        using var temp = new TempDirectory();
        var logger = new ListLogger();
        var snapshots = new List<TrainingProgress>();
        var settings = new TrainingRunSettings { WorkDirectory = temp.Path, Logger = logger, Progress = new SyncProgress(snapshots) };

        using SgnsModel model = SgnsModel.Train([["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]], s_exact with { MinCount = 1 }, settings,
            TestContext.Current.CancellationToken);

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("train: kernel scalar", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Message.StartsWith("count: 9 tokens, 3 distinct", StringComparison.Ordinal));
        Assert.Equal(1.0, snapshots[^1].Fraction, 6);
    }

    private static void AssertSameVectors(SgnsModel expected, SgnsModel actual)
    {
        Assert.Equal(expected.Words, actual.Words);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected.GetVector(i).SequenceEqual(actual.GetVector(i)), $"vector {i} ({expected.Word(i)}) differs");
        }
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A pipe-like stream: no seeking, no length, and it counts how often it was read to its end.</summary>
    private sealed class OneWayStream(byte[] data) : Stream
    {
        private int _position;

        public int Passes { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, Math.Min(data.Length - _position, 1000)); // short reads, as a pipe gives
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            Passes += n == 0 ? 1 : 0;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NeverReadStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the stream was read");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NeverEnumerated : IEnumerable<IReadOnlyList<string>>
    {
        public IEnumerator<IReadOnlyList<string>> GetEnumerator() => throw new InvalidOperationException("the sentences were enumerated");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class CountingSentences(IReadOnlyList<string>[] sentences) : IEnumerable<IReadOnlyList<string>>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<IReadOnlyList<string>> GetEnumerator()
        {
            Enumerations++;
            return ((IEnumerable<IReadOnlyList<string>>)sentences).GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class SyncProgress(List<TrainingProgress> snapshots) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            lock (snapshots)
            {
                snapshots.Add(value);
            }
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FastSgns.Evaluation;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// train --distributed under mpirun (CI: -np 1 to 4, oversubscribed on loopback): the vocabulary is the single
/// process's, the planted analogies are learnt, rank 0 alone writes, and bad setups fail on every rank with one line.
/// </summary>
[Collection(nameof(MpiJobs))]
public sealed class DistributedCliTests
{
    private const double PlantedBar = 0.90;

    /// <summary>Every planted analogy is answerable from the written vectors and at least <see cref="PlantedBar"/> are right.</summary>
    internal static void AssertPlantedAnalogiesLearnt(string vectors, SyntheticCorpus corpus, string when)
    {
        using SgnsModel model = SgnsModel.Load(vectors);
        AnalogyResult result = AnalogyEvaluator.Evaluate(model.Embeddings, corpus.Analogies);
        Assert.Equal(1.0, result.Coverage);
        Assert.True(result.Accuracy >= PlantedBar, $"planted-analogy accuracy {result.Accuracy:P1} < {PlantedBar:P0} {when}");
    }

    private static readonly string[] s_small = ["--dim", "8", "--epochs", "1", "--threads", "1", "--min-count", "2", "--quiet"];

    [Fact]
    public void Vocabulary_IsTheSingleProcessOne_OnOneToFourRanks()
    {
        MpiJob.Require();
        using var temp = new TempDirectory();
        string[] inputs = EdgyCorpus(temp);
        string single = temp.File("single.vocab");
        var alone = ExternalProcess.Cli(["train", .. Inputs(inputs), "-o", temp.File("single.txt"), "--save-vocab", single, .. s_small]);
        Assert.True(alone.ExitCode == 0, alone.Error);

        for (int ranks = 1; ranks <= 4; ranks++)
        {
            string vocab = temp.File($"ranks{ranks}.vocab");
            var job = MpiJob.Run(ranks, ["train", .. Inputs(inputs), "-o", temp.File($"ranks{ranks}.txt"), "--save-vocab", vocab, "--distributed", .. s_small]);

            Assert.True(job.ExitCode == 0, $"{ranks} ranks: {job.Error}");
            Assert.Equal(File.ReadAllText(single), File.ReadAllText(vocab));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void PlantedAnalogies_AreLearnt_AndRankZeroAloneWritesTheModel(int ranks)
    {
        MpiJob.Require();
        using var temp = new TempDirectory();
        SyntheticCorpus corpus = SyntheticCorpus.Generate(20_000);
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, corpus.Text);
        string vectors = temp.File("vectors.txt");

        var job = MpiJob.Run(ranks, "train", "-i", text, "-o", vectors, "--dim", "50", "--epochs", "5", "--threads", "1", "--save-vocab", temp.File("vocab.txt"),
            "--distributed", "--sync-words", "16384");

        Assert.True(job.ExitCode == 0, job.Error);
        Assert.Equal(1, MpiJob.Lines(job.Error, "saved: "));
        Assert.Equal(1, MpiJob.Lines(job.Error, $"distributed: {ranks} ranks"));
        Assert.Contains("sync: ", job.Error);
        Assert.Equal(["corpus.txt", "vectors.txt", "vocab.txt"], Directory.GetFiles(temp.Path).Select(p => Path.GetFileName(p)!).Order().ToArray());
        AssertPlantedAnalogiesLearnt(vectors, corpus, $"on {ranks} ranks");
    }

    /// <summary>The bar the ranks must meet is one a single process with the same options meets.</summary>
    [Fact]
    public void PlantedAnalogies_SingleProcessMeetsTheSameBar()
    {
        using var temp = new TempDirectory();
        SyntheticCorpus corpus = SyntheticCorpus.Generate(20_000);
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, corpus.Text);
        string vectors = temp.File("vectors.txt");

        var run = ExternalProcess.Cli("train", "-i", text, "-o", vectors, "--dim", "50", "--epochs", "5", "--threads", "1", "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        AssertPlantedAnalogiesLearnt(vectors, corpus, "in one process");
    }

    [Fact]
    public void LaunchWithoutDistributed_FailsOnEveryRank_BeforeWriting()
    {
        using var temp = new TempDirectory();
        string text = temp.Write("corpus.txt", "a b c a b c\n");

        var job = MpiJob.Run(2, "train", "-i", text, "-o", temp.File("v.txt"));

        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(2, MpiJob.Lines(job.Error, "started by an MPI launcher (OMPI_COMM_WORLD_SIZE=2, 2 processes) without --distributed"));
        Assert.False(File.Exists(temp.File("v.txt")));
    }

    [Fact]
    public void RanksWithDifferentOptions_FailOnEveryRank_BeforeWriting()
    {
        using var temp = new TempDirectory();
        string text = temp.Write("corpus.txt", "a b c a b c\n");
        string[] common = ["train", "-i", text, "-o", temp.File("v.txt"), "--distributed", "--min-count", "1"];

        var job = MpiJob.Run([new MpiJob.App(1, [.. common, "--dim", "10"]), new MpiJob.App(1, [.. common, "--dim", "12"])]);

        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(2, MpiJob.Lines(job.Error, "rank 1 of 2 was started with different options from rank 0 (argument 10: \"12\" where rank 0 has \"10\")"));
        Assert.False(File.Exists(temp.File("v.txt")));
    }

    [Fact]
    public void RankThatCannotReadItsInput_FailsEveryRank_BeforeWriting()
    {
        using var temp = new TempDirectory();
        // The same command line in two working directories: rank 1's has no corpus.txt.
        string here = Directory.CreateDirectory(temp.File("here")).FullName;
        string there = Directory.CreateDirectory(temp.File("there")).FullName;
        File.WriteAllText(Path.Combine(here, "corpus.txt"), "a b c a b c\n");
        string[] command = ["train", "-i", "corpus.txt", "-o", temp.File("v.txt"), "--distributed", "--min-count", "1"];

        var job = MpiJob.Run([new MpiJob.App(1, command, here), new MpiJob.App(1, command, there)]);

        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(2, MpiJob.Lines(job.Error, "fastsgns: error: rank 1 of 2: "));
        Assert.Contains("corpus.txt", job.Error);
        Assert.False(File.Exists(temp.File("v.txt")));
    }

    [Fact]
    public void RankThatDiesDuringTheRun_AbortsTheJob_WithoutOutput()
    {
        using var temp = new TempDirectory();
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, SyntheticCorpus.Generate(500).Text);
        string[] command = ["train", "-i", text, "-o", temp.File("v.txt"), "--distributed", .. s_small];
        // Rank 1 keeps its id file in its temp directory, which does not exist: it fails alone, after counting.
        var broken = new Dictionary<string, string> { ["TMPDIR"] = temp.File("missing-dir") };

        var job = MpiJob.Run([new MpiJob.App(1, command), new MpiJob.App(1, command, Environment: broken)]);

        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(1, MpiJob.Lines(job.Error, "fastsgns: error: "));
        Assert.Contains("aborting every rank", job.Error);
        Assert.False(File.Exists(temp.File("v.txt")));
    }

    [Fact]
    public void LibraryThatIsNotOpenMpi_FailsEveryRank_WithOneLine()
    {
        using var temp = new TempDirectory();
        string text = temp.Write("corpus.txt", "a b c a b c\n");
        string libc = new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib/libc.so.6" }.FirstOrDefault(File.Exists)
                      ?? throw new InvalidOperationException("no libc.so.6 to stand in for a foreign library");
        var other = new Dictionary<string, string> { ["FASTSGNS_LIBMPI"] = libc };

        var job = MpiJob.Run([new MpiJob.App(2, ["train", "-i", text, "-o", temp.File("v.txt"), "--distributed"], Environment: other)]);

        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(2, MpiJob.Lines(job.Error, "is not an MPI library"));
        Assert.False(File.Exists(temp.File("v.txt")));
    }

    [Fact]
    public void CtrlC_StopsEveryRank_AtTheSameSync_WithoutOutput()
    {
        using var temp = new TempDirectory();
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, SyntheticCorpus.Generate(20_000).Text);

        // Output discarded and no --checkpoint: no checkpoint to save (with one, see the checkpoint test), so Ctrl+C cancels.
        var job = MpiJob.RunAndInterrupt(2, ["train", "-i", text, "-o", "/dev/null", "--distributed", "--dim", "50", "--epochs", "200", "--threads", "1"],
            trigger: "train: kernel");

        // Rank 0 alone says it, once for the job; the ranks meet before exiting, so mpirun cannot cut its line off.
        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(1, MpiJob.Lines(job.Error, "fastsgns: cancelled; no output was written."));
        Assert.DoesNotContain("aborting", job.Error);
        Assert.Equal(["corpus.txt"], Directory.GetFiles(temp.Path).Select(p => Path.GetFileName(p)!).ToArray());
    }

    /// <summary>
    /// --checkpoint under mpirun: Ctrl+C saves one checkpoint (rank 0 writes) and stops every rank, rank 0 alone saying
    /// so; a job of more ranks refuses it on every rank; the same rank count resumes it, learns, and deletes it.
    /// </summary>
    [Fact]
    public void Checkpoint_InterruptedJob_ResumesOnTheSameRanks_AndOtherRankCountsAreRefused()
    {
        MpiJob.Require();
        using var temp = new TempDirectory();
        (SyntheticCorpus corpus, string vectors, string checkpoint, string[] common, var interrupted) = InterruptedJob.Run(temp);
        string[] train = [.. common, "--threads", "1"];

        Assert.NotEqual(0, interrupted.ExitCode);
        Assert.Equal(1, MpiJob.Lines(interrupted.Error, "fastsgns: interrupted at "));
        Assert.Contains("the checkpoint " + checkpoint + " holds the state", interrupted.Error);
        Assert.True(File.Exists(checkpoint), interrupted.Error);
        Assert.False(File.Exists(vectors));

        var otherCount = MpiJob.Run(3, [.. train, "--resume"]);

        Assert.Equal(2, otherCount.ExitCode);
        Assert.Contains("the checkpoint was written by a job of 2 ranks × 1 thread(s); resume it on ranks × threads 1 × 2, 2 × 1 (its 2 workers over whole shards; this job has 3 × 1)", otherCount.Error);
        Assert.DoesNotContain("aborting", otherCount.Error);
        Assert.True(File.Exists(checkpoint));
        Assert.False(File.Exists(vectors));

        var resumed = MpiJob.Run(2, [.. train, "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(1, MpiJob.Lines(resumed.Error, "checkpoint: resuming from " + checkpoint));
        Assert.False(File.Exists(checkpoint));
        AssertPlantedAnalogiesLearnt(vectors, corpus, "after resuming");
    }

    /// <summary>
    /// A rank that dies mid-training (SIGKILL: a crash, the out-of-memory killer) ends the whole job, no rank is left
    /// waiting in a collective, nothing is written, the last checkpoint is left as it was, and --resume continues from it.
    /// </summary>
    [Fact]
    public void RankKilledMidTraining_EndsTheJob_NamingTheRank_AndResumeContinues()
    {
        using var temp = new TempDirectory();
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, SyntheticCorpus.Generate(20_000).Text);
        string vectors = temp.File("v.txt");
        string checkpoint = temp.File("run.checkpoint");
        // 30 epochs of 200,000 words: the resumed run must still be training when the kill lands.
        string[] train = ["train", "-i", text, "-o", vectors, "--distributed", "--dim", "20", "--epochs", "30", "--threads", "1", "--sync-words", "16384",
            "--checkpoint", checkpoint];
        // The last checkpoint: an interrupted run's (periodic ones come at most every 30 s, longer than this job).
        var interrupted = MpiJob.RunAndInterrupt(2, train, trigger: "train: kernel");
        Assert.True(interrupted.ExitCode != 0 && File.Exists(checkpoint), interrupted.Error);
        byte[] saved = File.ReadAllBytes(checkpoint);

        var job = MpiJob.RunAndKillOneRank(2, [.. train, "--resume"], trigger: "checkpoint: resuming from", timeoutSeconds: 120);

        Assert.NotEqual(0, job.ExitCode);
        Assert.Equal(1, MpiJob.Lines(job.Error, "mpirun noticed that process rank 1 with PID"));
        Assert.Contains("exited on signal 9 (Killed)", job.Error);
        Assert.False(File.Exists(vectors));
        Assert.Equal(saved, File.ReadAllBytes(checkpoint));

        var resumed = MpiJob.Run(2, [.. train, "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(1, MpiJob.Lines(resumed.Error, "checkpoint: resuming from " + checkpoint));
        Assert.True(File.Exists(vectors));
        Assert.False(File.Exists(checkpoint));
    }

    /// <summary>
    /// Periodic checkpoints keep the single process's minimum of 30 s between saves (rank 0's clock decides for all):
    /// asked for one every 1 % of a job of a few seconds, none is written. The syncs come every --sync-words words of
    /// each rank, whatever the machine's speed.
    /// </summary>
    [Fact]
    public void PeriodicCheckpoints_KeepTheMinimumTimeBetweenSaves_AndSyncsCountWords()
    {
        MpiJob.Require();
        using var temp = new TempDirectory();
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, SyntheticCorpus.Generate(80_000).Text);
        string vectors = temp.File("v.txt");

        var job = MpiJob.Run(2, "train", "-i", text, "-o", vectors, "--distributed", "--dim", "20", "--epochs", "4", "--threads", "1",
            "--sync-words", "65536", "--checkpoint-every", "1");

        Assert.True(job.ExitCode == 0, job.Error);
        Assert.Equal(0, MpiJob.Lines(job.Error, "checkpoint: "));
        Assert.True(File.Exists(vectors));
        // Rank 0 logs its own words (its shard × 4 epochs; the shards are even): a sync every 65,536 of them, plus the
        // last two; never more often, and rarer only when a sync takes longer than training that many words (then the
        // next one starts as soon as it ends).
        long words = long.Parse(Regex.Match(job.Error, @"train: ([0-9,]+) words in").Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        long syncs = long.Parse(Regex.Match(job.Error, @"sync: ([0-9,]+) syncs in").Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        long expected = words / 65_536;
        Assert.InRange(syncs, expected / 2, expected * 11 / 10 + 3);
    }

    /// <summary>Two inputs (one gzip), with a byte-order mark, CRLF and tab breaks, long and multi-byte tokens.</summary>
    private static string[] EdgyCorpus(TempDirectory temp)
    {
        byte[] text = SyntheticCorpus.Generate(3000).Text;
        int half = Array.IndexOf(text, (byte)'\n', text.Length / 2) + 1;
        var edges = new StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            edges.Append(new string('x', 150)).Append(' ').Append(new string('é', 60)).Append("\r\nshort\tword ")
                .Append(new string('y', 99)).Append("ü tail\n\n");
        }

        string plain = temp.File("a.txt");
        File.WriteAllBytes(plain, [0xEF, 0xBB, 0xBF, .. text.AsSpan(0, half), .. Encoding.UTF8.GetBytes(edges.ToString())]);
        string gzip = temp.File("b.txt.gz");
        using (var file = File.Create(gzip))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(text.AsSpan(half));
        }

        string third = temp.File("c.txt");
        File.WriteAllBytes(third, text.AsSpan(0, half / 3).ToArray());
        return [plain, gzip, third];
    }

    private static IEnumerable<string> Inputs(string[] paths) => paths.SelectMany(p => new[] { "-i", p });
}

/// <summary>mpirun jobs start several processes each: one at a time, not beside other test classes' jobs.</summary>
[CollectionDefinition(nameof(MpiJobs), DisableParallelization = true)]
public sealed class MpiJobs;

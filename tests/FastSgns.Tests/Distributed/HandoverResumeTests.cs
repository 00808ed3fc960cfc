using System.Text;
using System.Text.RegularExpressions;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// Ctrl+C after a handover under mpirun: the checkpoint records the giver's cut and what the taker had still to train
/// of the ids it received, and --resume trains every word of the job exactly once (the job's word count at the end is
/// its epochs × its corpus, neither more, as ids trained twice would make it, nor fewer).
/// </summary>
[Collection(nameof(MpiJobs))]
public sealed class HandoverResumeTests
{
    [Fact]
    public void CheckpointAfterAHandover_ResumesExactly_EveryWordOfTheJobTrainedOnce()
    {
        MpiJob.Require();
        using var temp = new TempDirectory();
        SyntheticCorpus corpus = SyntheticCorpus.Generate(240_000);
        string text = temp.File("corpus.txt");
        // Rank 0's half of the file is a few real lines and then words that occur once (under --min-count, so not
        // encoded): it is done long before rank 1 and takes ids from it.
        int head = Array.IndexOf(corpus.Text, (byte)'\n', 4000) + 1;
        var junk = new StringBuilder();
        for (int i = 0; junk.Length < corpus.Text.Length * 21 / 20; i++)
        {
            junk.Append("once").Append(i).Append(i % 12 == 11 ? '\n' : ' ');
        }

        File.WriteAllBytes(text, [.. corpus.Text.AsSpan(0, head), .. Encoding.ASCII.GetBytes(junk.ToString()), .. corpus.Text]);
        string vectors = temp.File("vectors.txt");
        string checkpoint = temp.File("run.checkpoint");
        string[] train = ["train", "-i", text, "-o", vectors, "--dim", "200", "--epochs", "4", "--threads", "1", "--distributed",
            "--sync-words", "16384", "--checkpoint", checkpoint];

        // A quarter of a second after the handover is announced rank 0 is training the ids it received (seconds, at dim
        // 200 on this corpus). Signalled at once, the interrupt landed before they arrived; at dim 20 on a corpus a third
        // of this one's size, a quiet machine had trained them, and ended the job, before mpirun passed the interrupt on.
        var interrupted = MpiJob.RunAndInterrupt(2, train, trigger: "handover: rank 1 hands", delay: TimeSpan.FromSeconds(0.25));

        Assert.True(interrupted.ExitCode != 0 && File.Exists(checkpoint), interrupted.Error);
        Assert.Contains("handover: rank 1 hands", interrupted.Error);
        Assert.False(File.Exists(vectors));

        var resumed = MpiJob.Run(2, [.. train, "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.True(Regex.IsMatch(resumed.Error, "handover: [0-9,]+ ids moved between ranks before the checkpoint are still to train"), interrupted.Error + "\n--- resumed:\n" + resumed.Error);
        Match trained = Regex.Match(resumed.Error, "the job trained ([0-9,]+) of its ([0-9,]+) words");
        Assert.True(trained.Success, resumed.Error);
        Assert.True(trained.Groups[1].Value == trained.Groups[2].Value, resumed.Error);
        Assert.False(File.Exists(checkpoint));
        DistributedCliTests.AssertPlantedAnalogiesLearnt(vectors, corpus, "after resuming a checkpoint taken after a handover");
    }
}

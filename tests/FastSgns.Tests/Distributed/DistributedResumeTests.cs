using System.Globalization;
using System.Text.RegularExpressions;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// --resume under mpirun on another number of ranks than wrote the checkpoint: the workers of N ranks × T threads
/// regroup onto M ranks (M dividing N) × T·N/M threads, each rank holding N/M whole shards.
/// </summary>
[Collection(nameof(MpiJobs))]
public sealed class DistributedResumeTests
{
    /// <summary>
    /// A checkpoint of 2 ranks × 1 thread resumes on one rank × 2 threads (each worker takes its slice of its shard back,
    /// at its epoch and position), but not on one rank × 1 thread (a worker would have to take two slices) nor in one
    /// process without mpirun, each refused before any work with the ways that would work, the checkpoint untouched. The resumed job trains only the words left (the
    /// learning rate follows the whole job's progress), learns the planted analogies and deletes the checkpoint.
    /// </summary>
    [Fact]
    public void Checkpoint_OfTwoRanks_ResumesOnOneRankWithTheirWorkers_AndOtherLayoutsAreRefused()
    {
        MpiJob.Require();
        using var temp = new TempDirectory();
        (SyntheticCorpus corpus, string vectors, string checkpoint, string[] common, var interrupted) = InterruptedJob.Run(temp);

        Assert.NotEqual(0, interrupted.ExitCode);
        Assert.True(File.Exists(checkpoint), interrupted.Error);
        byte[] saved = File.ReadAllBytes(checkpoint);

        var oneWorker = MpiJob.Run(1, [.. common, "--threads", "1", "--resume"]);

        Assert.Equal(2, oneWorker.ExitCode);
        Assert.Contains("resume it on ranks × threads 1 × 2, 2 × 1 (its 2 workers over whole shards; this job has 1 × 1)", oneWorker.Error);
        Assert.Equal(saved, File.ReadAllBytes(checkpoint));
        Assert.False(File.Exists(vectors));

        // One process without mpirun: its encoding does not cut the corpus into the ranks' shards.
        string[] alone = [.. common.Where(a => a != "--distributed"), "--threads", "2", "--resume"];
        var single = ExternalProcess.Cli(alone);

        Assert.Equal(2, single.ExitCode);
        Assert.Contains("the checkpoint was written by a distributed job of 2 ranks; resume it under mpirun as a distributed job (on one rank: mpirun -np 1 with 2 times the threads)", single.Error);
        Assert.Equal(saved, File.ReadAllBytes(checkpoint));

        var resumed = MpiJob.Run(1, [.. common, "--threads", "2", "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Match resuming = Regex.Match(resumed.Error, "checkpoint: resuming from " + Regex.Escape(checkpoint) + " at ([0-9.]+) ?%");
        Assert.True(resuming.Success, resumed.Error);
        Assert.InRange(double.Parse(resuming.Groups[1].Value, CultureInfo.InvariantCulture), 0.1, 99.9);
        Assert.False(File.Exists(checkpoint));
        DistributedCliTests.AssertPlantedAnalogiesLearnt(vectors, corpus, "after resuming 2 ranks' checkpoint on one");
    }
}

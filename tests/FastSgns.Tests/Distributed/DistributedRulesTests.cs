using FastSgns.Distributed;
using FastSgns.Interop;

namespace FastSgns.Tests.Distributed;

/// <summary>The pieces of a distributed run that need no MPI: launch detection, option comparison, the sync schedule, the ABI check.</summary>
public sealed class DistributedRulesTests
{
    [Fact]
    public void Launch_IsDetected_FromOpenMpiAndPmiVariables()
    {
        Assert.Null(MpiLaunch.Evidence(_ => null));
        Assert.Equal("OMPI_COMM_WORLD_SIZE=4", MpiLaunch.Evidence(name => name == "OMPI_COMM_WORLD_SIZE" ? "4" : null));
        Assert.Equal("PMI_RANK=0", MpiLaunch.Evidence(name => name == "PMI_RANK" ? "0" : null));
        Assert.Equal(3, MpiLaunch.AnnouncedSize(name => name == "PMI_SIZE" ? "3" : null));
    }

    [Fact]
    public void OptionsDifference_NamesTheFirstArgumentThatDiffers()
    {
        Assert.Null(OptionsAgreement.Difference(["train", "--dim", "10"], ["train", "--dim", "10"]));
        Assert.Equal("argument 3: \"12\" where rank 0 has \"10\"", OptionsAgreement.Difference(["train", "--dim", "10"], ["train", "--dim", "12"]));
        Assert.Contains("more argument(s), from \"--quiet\"", OptionsAgreement.Difference(["train"], ["train", "--quiet"]));
    }

    [Fact]
    public void Schedule_DoublesTheRows_OnEverySecondFourthAndEighthSync_UpToTheVocabulary()
    {
        var settings = new SyncSettings { HotRows = 100, WideEvery = 2 };
        Assert.Equal([100, 200, 100, 400, 100, 200, 100, 800], Enumerable.Range(1, 8).Select(k => settings.RowsAt(k, 1000)));
        Assert.Equal(1000, settings.RowsAt(16, 1000));
        Assert.Equal(1000, settings.RowsAt(1L << 40, 1000));
    }

    [Fact]
    public void SpreadSchedule_GivesEveryRowItsBurstPeriod_InSyncsOfAboutOneSize()
    {
        var settings = new SyncSettings { HotRows = 100, WideEvery = 2 };
        var burst = settings with { Spread = false };
        var ranges = new List<(int From, int Count)>();
        var spreadTimes = new int[1000];
        var burstTimes = new int[1000];
        int largest = 0;
        for (long sync = 1; sync <= 16; sync++)
        {
            settings.RangesAt(sync, 1000, ranges);
            Assert.Equal((0, 100), ranges[0]);
            largest = Math.Max(largest, ranges.Sum(r => r.Count));
            foreach ((int from, int count) in ranges)
            {
                for (int row = from; row < from + count; row++)
                {
                    spreadTimes[row]++;
                }
            }

            burst.RangesAt(sync, 1000, ranges);
            Assert.Equal([(0, burst.RowsAt(sync, 1000))], ranges);
            for (int row = 0; row < ranges[0].Count; row++)
            {
                burstTimes[row]++;
            }
        }

        // Over the 16 syncs of a cycle: hot rows 16 times, [100, 200) 8, [200, 400) 4, [400, 800) 2, [800, 1000) once.
        Assert.Equal(burstTimes, spreadTimes);
        Assert.Equal([16, 8, 4, 2, 1], new[] { 0, 100, 200, 400, 800 }.Select(row => spreadTimes[row]));
        // Spread: 100 hot rows + 50 of each of three levels + 13 of the last, at most; in bursts one sync takes all 1,000.
        Assert.Equal(263, largest);
    }

    [Fact]
    public void Schedule_WithWideEvery_SendsTheHotRowsAlone_BetweenTheWideSyncs()
    {
        var settings = new SyncSettings { HotRows = 100, WideEvery = 4 };
        Assert.Equal([100, 100, 100, 200, 100, 100, 100, 400, 100, 100, 100, 200, 100, 100, 100, 800],
            Enumerable.Range(1, 16).Select(k => settings.RowsAt(k, 1000)));
        Assert.Equal(1000, settings.RowsAt(32, 1000));
        Assert.Equal(100, settings.RowsAt(33, 1000));
    }

    [Fact]
    public void Interval_GrowsAsTheLearningRateDecays_AtMostEightfold()
    {
        var decaying = new SyncSettings { Words = 1000, GrowWithDecay = true };
        Assert.Equal(1000, decaying.WordsAt(0, 100));
        Assert.Equal(2000, decaying.WordsAt(50, 100));
        Assert.Equal(4000, decaying.WordsAt(75, 100));
        Assert.Equal(8000, decaying.WordsAt(99, 100));
        Assert.Equal(8000, decaying.WordsAt(100, 100));
        var fixedCadence = decaying with { GrowWithDecay = false };
        Assert.Equal(1000, fixedCadence.WordsAt(75, 100));
    }

    [Fact]
    public void Checkpoint_IsDueOnAStop_OrAtAMarkOnceRankZerosClockAllows()
    {
        Assert.True(ModelSynchroniser.CheckpointDue(stopping: true, jobWords: 0, nextMark: long.MaxValue, rankZeroClockAllows: false));
        Assert.True(ModelSynchroniser.CheckpointDue(stopping: false, jobWords: 1000, nextMark: 1000, rankZeroClockAllows: true));
        Assert.False(ModelSynchroniser.CheckpointDue(stopping: false, jobWords: 1000, nextMark: 1000, rankZeroClockAllows: false));
        Assert.False(ModelSynchroniser.CheckpointDue(stopping: false, jobWords: 999, nextMark: 1000, rankZeroClockAllows: true));
    }

    [Theory]
    [InlineData("Open MPI v4.1.4, package: Debian OpenMPI", true)]
    [InlineData("Open MPI v5.0.3, package: Open MPI", true)]
    [InlineData("Open MPI v3.1.6", false)]
    [InlineData("MPICH Version:\t4.0", false)]
    [InlineData("Intel(R) MPI Library 2021.6", false)]
    public void OnlyOpenMpi4And5_AreSupported(string version, bool supported) =>
        Assert.Equal(supported, MpiLibrary.IsSupported(version));

    [Fact]
    public void DistributedWithoutLauncher_FailsBeforeReading()
    {
        using var temp = new TempDirectory();
        var result = ExternalProcess.Cli("train", "-i", temp.File("missing.txt"), "-o", temp.File("v.txt"), "--distributed");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--distributed needs an MPI launcher", result.Error);
        Assert.False(File.Exists(temp.File("v.txt")));
    }
}

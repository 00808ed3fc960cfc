namespace FastSgns.Tests.Distributed;

/// <summary>Runs one step per simulated rank, each on its own thread, as the ranks of a job would run it at once.</summary>
internal static class RankThreads
{
    /// <summary>Calls <paramref name="step"/>(r) for r = 0..<paramref name="ranks"/>−1 concurrently; fails if any threw; returns each rank's result.</summary>
    public static int[] RunAll(Func<int, int> step, int ranks)
    {
        var results = new int[ranks];
        var failures = new Exception?[ranks];
        Thread[] threads = [.. Enumerable.Range(0, ranks).Select(r => new Thread(() =>
        {
            try
            {
                results[r] = step(r);
            }
            catch (Exception e)
            {
                failures[r] = e;
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.All(failures, Assert.Null);
        return results;
    }
}

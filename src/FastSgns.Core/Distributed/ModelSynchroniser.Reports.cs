using System.Globalization;
using System.Text;

namespace FastSgns.Distributed;

/// <summary>What a distributed run's log says about the syncs: rates per rank, bytes, and the sync thread's CPU.</summary>
internal sealed partial class ModelSynchroniser
{
    private void Report(TimeSpan elapsed, long[] states)
    {
        double seconds = Math.Max(1e-9, (elapsed - _lastLog).TotalSeconds);
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"sync: {world.Size} ranks; words/s per rank");
        double all = 0;
        for (int r = 0; r < world.Size; r++)
        {
            double rate = (states[r * StateFields] - _wordsAtLog[r]) / seconds;
            all += rate;
            line.Append(CultureInfo.InvariantCulture, $" {rate / 1000:F0}k");
            _wordsAtLog[r] = states[r * StateFields];
        }

        line.Append(CultureInfo.InvariantCulture, $", {all / 1000:F0}k in all; {_syncs:N0} syncs, {BytesSent / 1e6:F1} MB sent by this rank, {world.CommunicationTime.TotalSeconds:F1} s in collectives");
        _lastLog = elapsed;
        log?.Invoke(line.ToString());
    }

    private void ReportEnd(TimeSpan elapsed)
    {
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"sync: {_syncs:N0} syncs in {elapsed.TotalSeconds:F1} s (every {settings.Words:N0} words per rank, {settings.HotRows:N0} hot rows, more every {settings.WideEvery:N0}, {(settings.Spread ? "spread" : "in bursts")}, all rows every {HotCycle():N0}), " +
            $"{_rowsExchanged:N0} rows exchanged, {BytesSent / 1e6:F1} MB sent by this rank ({BytesSent / Math.Max(1, _syncs) / 1e3:F1} kB per sync) " +
            $"in {world.Collectives - _collectivesAtStart:N0} collectives, " +
            $"{world.CommunicationTime.TotalSeconds:F1} s in collectives; idle at the end, waiting for the other ranks' workers:{IdleAtEnd()}{HandoverLine()}; " +
            $"the job trained {Interlocked.Read(ref _shared!.WordsProcessed):N0} of its {_shared.TotalWords:N0} words"));
        log?.Invoke(CpuLine());
    }

    /// <summary>
    /// The sync thread's CPU seconds since training began, by phase, against the whole process's: what the sync takes
    /// from the workers, which on a machine with as many cores as workers is the throughput it costs.
    /// </summary>
    private string CpuLine()
    {
        long all = Interop.MpiThreadClock.Nanoseconds() - _threadCpuAtBegin;
        (long pack, long sum, long apply) = _exchange?.CpuNanoseconds ?? default;
        double process = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _processCpuAtBegin).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"sync: CPU of the sync thread {all / 1e9:F2} s (pack {pack / 1e9:F2}, row sums {sum / 1e9:F2}, apply {apply / 1e9:F2}, " +
            $"other {(all - pack - sum - apply) / 1e9:F2}) of this rank's {process:F2} s since training began");
    }

    /// <summary>Each rank's seconds between its workers' end and the last rank's, as the final sync gathered them.</summary>
    private string IdleAtEnd()
    {
        var text = new StringBuilder();
        for (int r = 0; r * StateFields + 4 < _lastStates.Length; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $" rank {r} {_lastStates[r * StateFields + 4] / 1000.0:F2} s");
        }

        return text.ToString();
    }

    /// <summary>How many syncs apart the whole vocabulary is exchanged.</summary>
    private long HotCycle()
    {
        long factor = 1;
        while ((long)settings.HotRows * factor < _vocabulary)
        {
            factor *= 2;
        }

        // The k-th wide sync takes hot rows × 2^(1 + trailing zeros of k).
        return factor == 1 ? 1 : factor / 2 * settings.WideEvery;
    }
}

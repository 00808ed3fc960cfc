using FastSgns.Ids;

namespace FastSgns.Training;

/// <summary>
/// Where one worker of a distributed run stands, and the cut that ends its last epoch early: the synchroniser hands
/// the ids past the cut to a process that has run out of work, so the processes end together. The worker publishes
/// its progress (epoch and position, one number that only grows) at every sentence start and stops when it stands
/// exactly on the cut. A cut is a line start, and a worker's reads never cross one (a read ends at the sentence-end
/// marker before it), so a worker that passes the cut lands on it; both sides fence (a Dekker handshake), so after
/// <see cref="TryCut"/> either the worker will stop at the cut or the cut is withdrawn: no id is trained twice or not at all.
/// A worker resumed from a checkpoint starts with the cut the checkpoint recorded (<paramref name="lastEnd"/>; the slice
/// end when there was none): the ids past it are trained elsewhere.
/// </summary>
internal sealed class WorkerTail(long start, long end, int lastEpoch, int fromEpoch, long fromPosition, long lastEnd)
{
    private const int PositionBits = 40;
    private const long PositionMask = (1L << PositionBits) - 1;

    /// <summary>The last ids a cut may be searched over for a line start before the cut is given up.</summary>
    private const int LineSearchIds = 1 << 20;

    private long _progress = Progress(fromEpoch, fromPosition);
    private long _cut = lastEnd < end ? Progress(lastEpoch, lastEnd) : -1;
    private volatile bool _stoppedAtCut;
    private volatile bool _finished;

    public long Start => start;

    public long End => end;

    /// <summary>Where the worker's last epoch ends: the slice end, or the cut (what a checkpoint records).</summary>
    public long LastEnd => CurrentEnd();

    private static long Progress(int epoch, long position) => ((long)epoch << PositionBits) | position;

    /// <summary>Worker side, at a sentence start: publishes where it stands; true when that is the cut (stop the epoch).</summary>
    public bool AtCut(int epoch, long position)
    {
        long progress = Progress(epoch, position);
        Interlocked.Exchange(ref _progress, progress);
        if (progress != Volatile.Read(ref _cut))
        {
            return false;
        }

        _stoppedAtCut = true;
        return true;
    }

    /// <summary>Worker side: its run is over (all epochs, a cut, or a stop).</summary>
    public void Finish() => _finished = true;

    /// <summary>Ids the worker has left to read until its end (the cut, if any), over every epoch left.</summary>
    public long Remaining()
    {
        if (_finished)
        {
            return 0;
        }

        (int epoch, long position) = Split(Volatile.Read(ref _progress));
        long last = CurrentEnd();
        return Math.Max(0, epoch < lastEpoch ? end - position + (lastEpoch - epoch - 1) * (end - start) + last - start : last - position);
    }

    /// <summary>
    /// Synchroniser side: cuts about <paramref name="share"/> of what the worker has left off the end of its last epoch
    /// (at a line start at least <paramref name="margin"/> ids ahead of it), unless that is under
    /// <paramref name="minimum"/> ids. Returns the ids cut off, [from, to) of <paramref name="corpus"/>, now another
    /// process's to train; (0, 0) when nothing was cut.
    /// </summary>
    public (long From, long To) TryCut(EncodedCorpus corpus, double share, long minimum, long margin)
    {
        long remaining = Remaining();
        long delta = (long)(remaining * share);
        if (delta < minimum)
        {
            return default;
        }

        (int epoch, long position) = Split(Volatile.Read(ref _progress));
        long last = CurrentEnd();
        long wanted = Math.Max(last - delta, epoch < lastEpoch ? start : position + margin);
        // A cut is a line start; with none near, the cut is given up.
        long cut = wanted <= start ? start : corpus.NextLineStart(wanted, last, LineSearchIds) is var line and >= 0 ? line : last;
        if (cut >= last || last - cut < minimum)
        {
            return default;
        }

        long previous = Volatile.Read(ref _cut);
        long target = Progress(lastEpoch, cut);
        Interlocked.Exchange(ref _cut, target);
        long seen = Interlocked.Read(ref _progress);
        if (seen == target)
        {
            // Standing on the cut: it saw the cut (and stops) or it did not (and moves on). Wait for which.
            var spin = new SpinWait();
            while (!_stoppedAtCut && !_finished && Interlocked.Read(ref _progress) == target)
            {
                spin.SpinOnce();
            }

            seen = _stoppedAtCut ? target - 1 : Interlocked.Read(ref _progress);
        }

        if (seen < target)
        {
            return (cut, last);
        }

        // It passed the cut before seeing it: it trains on to the end it had.
        Interlocked.Exchange(ref _cut, previous);
        return default;
    }

    private long CurrentEnd()
    {
        long cut = Volatile.Read(ref _cut);
        return cut < 0 ? end : Split(cut).Position;
    }

    private static (int Epoch, long Position) Split(long progress) => ((int)(progress >> PositionBits), progress & PositionMask);
}

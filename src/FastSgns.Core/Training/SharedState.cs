namespace FastSgns.Training;

/// <summary>
/// State the workers share: the global word count that drives the learning rate, the first failure, and the
/// pause protocol for checkpoints. A pause parks every worker at a sentence boundary (<see cref="Park"/>), so
/// the matrices and positions saved together are consistent; a finished worker counts as parked.
/// </summary>
internal sealed class SharedState(long totalWords, float alpha, long startWords, float alphaEnd = 0)
{
    public long WordsProcessed = startWords;
    public readonly long StartWords = startWords;
    public readonly long TotalWords = totalWords;
    public volatile Exception? Failure;

    /// <summary>Set by the coordinator (or the stop-after test hook) to make every worker park at its next sentence.</summary>
    public volatile bool PauseRequested;

    /// <summary>Set by the stop-after test hook; the coordinator treats it as a cancellation.</summary>
    public volatile bool StopRequested;

    private bool _stop;
    private int _parked;
    private int _finished;
    private int _generation;

    public readonly LearningRate LearningRate = new(alpha, totalWords, alphaEnd);

    /// <summary>The workers' <see cref="HotRows"/> merge one at a time under this lock.</summary>
    public readonly Lock HotRowsMerge = new();

    /// <summary>Called by a worker at a sentence boundary; blocks until released. False: stop, do not continue.</summary>
    public bool Park()
    {
        lock (this)
        {
            int generation = _generation;
            _parked++;
            Monitor.PulseAll(this);
            while (generation == _generation)
            {
                Monitor.Wait(this);
            }

            return !_stop;
        }
    }

    /// <summary>Called by a worker as it exits, whatever the reason.</summary>
    public void Finish()
    {
        lock (this)
        {
            _finished++;
            Monitor.PulseAll(this);
        }
    }

    /// <summary>
    /// Waits until a worker finishes or <paramref name="timeout"/> passes, whichever comes first (at once when all
    /// have): the coordinator polls at that interval, and so learns of the end when it happens, not up to a poll later.
    /// </summary>
    public void WaitForFinish(int workers, TimeSpan timeout)
    {
        lock (this)
        {
            if (_finished < workers)
            {
                Monitor.Wait(this, timeout);
            }
        }
    }

    public bool AllFinished(int workers)
    {
        lock (this)
        {
            return _finished == workers;
        }
    }

    /// <summary>Requests a pause and waits until every worker is parked or finished; true if any is still running work.</summary>
    public bool PauseAll(int workers)
    {
        lock (this)
        {
            PauseRequested = true;
            while (_parked + _finished < workers)
            {
                Monitor.Wait(this);
            }

            return _finished < workers;
        }
    }

    /// <summary>Releases the parked workers, to continue or (with <paramref name="stop"/>) to exit.</summary>
    public void ReleaseAll(bool stop)
    {
        lock (this)
        {
            _stop = stop;
            PauseRequested = false;
            _parked = 0;
            _generation++;
            Monitor.PulseAll(this);
        }
    }
}

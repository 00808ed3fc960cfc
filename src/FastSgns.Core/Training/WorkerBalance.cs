using System.Diagnostics;
using FastSgns.Checkpoints;
using FastSgns.Ids;

namespace FastSgns.Training;

/// <summary>
/// The workers of one process and their tails (<see cref="WorkerTail"/>), one lane per thread, and, when the process
/// trains alone with several threads, the evening out of their ends: once a lane's worker has trained all its epochs
/// while another still has at least twice <see cref="TrainingOptions.MoveMinimumIds"/> ids left, the coordinator cuts
/// the busiest one's last epoch about in half at a line start (<see cref="WorkerTail.TryCut"/>) and starts a mover on
/// the idle lane: a worker over the ids past the cut as the last epoch, with the lane's generator, the same step and the
/// shared word count (so the learning rate follows the run), its own tail (so it can be cut in turn). Only the
/// coordinator thread cuts, and it also parks the workers for checkpoints, so a cut never waits on a parked worker.
/// A checkpoint records each lane's own worker, where its last epoch ends (the cut), and what each mover has still to
/// train (<see cref="MovedWork"/>, taker 0); a resumed run hands those ranges to the first idle lanes again, with the
/// saved generators, before it cuts anything new: every id is trained exactly once.
/// </summary>
internal sealed class WorkerBalance
{
    /// <summary>
    /// How far ahead of a worker a cut must be: what it may read while the cut is being made (a few sentences; the cut
    /// is made in microseconds, and a worker that passes it anyway keeps its end, <see cref="WorkerTail.TryCut"/>).
    /// </summary>
    private const long CutMargin = 1 << 12;

    private readonly EncodedCorpus _corpus;
    private readonly WorkerPlan _common;
    private readonly bool _enabled;
    private readonly long _minimum;
    private readonly Action<string>? _log;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lane[] _lanes;
    private readonly Queue<MovedWork> _pending = new();
    private readonly List<Thread> _movers = [];

    /// <param name="froms">Each lane's starting state; <paramref name="ends"/>: where each one's last epoch ends (a checkpoint's cut, or the slice end).</param>
    /// <param name="withTails">The workers publish their progress to their tails (moves or a distributed handover may cut them).</param>
    /// <param name="enabled">Moves between lanes (training alone with several threads).</param>
    public WorkerBalance(EncodedCorpus corpus, WorkerPlan common, long[] bounds, WorkerState[] froms, long[] ends, IEnumerable<MovedWork> moved,
        bool withTails, bool enabled, long minimum, Action<string>? log)
    {
        (_corpus, _common, _enabled, _minimum, _log) = (corpus, common, enabled, minimum, log);
        _lanes = new Lane[froms.Length];
        for (int t = 0; t < froms.Length; t++)
        {
            var tail = new WorkerTail(bounds[t], bounds[t + 1], common.Epochs - 1, froms[t].Epoch, froms[t].Position, ends[t]);
            var worker = new Worker(common with { Id = t, Start = bounds[t], End = bounds[t + 1], From = froms[t], Tail = withTails ? tail : null });
            _lanes[t] = new Lane(worker, tail);
        }

        // An entry of several ranges (not written alone, where every move is one range) is trained range by range.
        foreach (MovedWork m in moved)
        {
            foreach ((long from, long to) in m.Left)
            {
                _pending.Enqueue(m with { Left = [(from, to)] });
            }
        }
    }

    /// <summary>Each lane's own worker (the slice it started with).</summary>
    public IEnumerable<Worker> Own => _lanes.Select(l => l.Own);

    /// <summary>The lanes' own tails (what a distributed handover cuts).</summary>
    public IReadOnlyList<WorkerTail> Tails => [.. _lanes.Select(l => l.OwnTail)];

    /// <summary>Every worker started so far, movers included (the progress reports add up their loss).</summary>
    public IEnumerable<Worker> All => _lanes.SelectMany(l => l.Workers);

    /// <summary>Workers running, parked or finished: the lanes' own and every mover started.</summary>
    public int Started => _lanes.Length + _movers.Count;

    /// <summary>Moved ids a resumed checkpoint gave this run that no lane has started yet (a checkpoint must record them).</summary>
    public bool Unstarted => _pending.Count > 0;

    /// <summary>The run goes on for <see cref="Unstarted"/> ids (not when it stops: a checkpoint saved them).</summary>
    public bool Pending => Unstarted && !Stopping;

    private bool Stopping => _common.Shared.Failure is not null || _common.Shared.StopRequested || _common.Cancellation.IsCancellationRequested;

    /// <summary>Coordinator side, between polls: each lane whose worker completed its work takes more, while there is some worth moving.</summary>
    public void Tick()
    {
        if (!_enabled || Stopping)
        {
            return;
        }

        for (int t = 0; t < _lanes.Length; t++)
        {
            Lane lane = _lanes[t];
            if (!lane.Retired && lane.Current.Done)
            {
                // A worker that stopped (failure, interruption) before its end takes nothing: the run is stopping.
                lane.Retired = !lane.Current.Completed || !Move(t);
            }
        }
    }

    private bool Move(int t)
    {
        Lane lane = _lanes[t];
        ulong random = lane.Current.State.Random;
        if (_pending.TryDequeue(out MovedWork? resumed))
        {
            (long from, long to) = resumed.Left[0];
            Start(lane, t, from, to, resumed.State with { Epoch = _common.Epochs - 1, Position = from });
            _log?.Invoke($"train: worker {t} resumes {to - from:N0} ids moved before the checkpoint (ids {from:N0} to {to:N0})");
            return true;
        }

        foreach (int busy in Enumerable.Range(0, _lanes.Length).Where(b => b != t).OrderByDescending(b => _lanes[b].Tail.Remaining()))
        {
            (long from, long to) = _lanes[busy].Tail.TryCut(_corpus, share: 0.5, _minimum, CutMargin);
            if (to > from)
            {
                Start(lane, t, from, to, new WorkerState(_common.Epochs - 1, from, 0, random, 0, 0));
                _log?.Invoke($"train: worker {t} took {to - from:N0} ids from worker {busy} (ids {from:N0} to {to:N0} of the last epoch) at {Stopwatch.GetElapsedTime(_started).TotalSeconds:F2} s");
                return true;
            }
        }

        return false;
    }

    private void Start(Lane lane, int t, long from, long to, WorkerState state)
    {
        int last = _common.Epochs - 1;
        var tail = new WorkerTail(from, to, last, last, from, to);
        var worker = new Worker(_common with { Id = t, Start = from, End = to, From = state, Tail = tail });
        (lane.Current, lane.Tail) = (worker, tail);
        lane.Workers.Add(worker);
        var thread = new Thread(worker.Run, maxStackSize: 1 << 20) { IsBackground = true, Name = $"sgns-{t}-moved-{lane.Workers.Count - 1}" };
        _movers.Add(thread);
        thread.Start();
    }

    /// <summary>What a checkpoint records: the lanes' own workers' states and last-epoch ends (cuts), and the movers' ids still to train.</summary>
    public (WorkerState[] States, long[] Ends, MovedWork[] Moved) Checkpoint()
    {
        var moved = new List<MovedWork>();
        foreach (Lane lane in _lanes.Where(l => l.Current != l.Own))
        {
            WorkerState state = lane.Current.State;
            long end = lane.Tail.LastEnd;
            if (state.Epoch < _common.Epochs && state.Position < end)
            {
                moved.Add(new MovedWork(0, [(state.Position, end)], state));
            }
        }

        moved.AddRange(_pending);
        // An uncut slice is written as a distributed run's checkpoint writes it (long.MaxValue: the slice end), so a run
        // without moves writes the checkpoint it wrote before moves existed.
        return ([.. _lanes.Select(l => l.Own.State)], [.. _lanes.Select(l => l.OwnTail.LastEnd is var end && end < l.OwnTail.End ? end : long.MaxValue)], [.. moved]);
    }

    /// <summary>Each lane's last worker's generator (a model file saves them, so one more run continues them).</summary>
    public ulong[] Generators => [.. _lanes.Select(l => l.Current.State.Random)];

    /// <summary>
    /// With several threads, when each one's last worker ended (seconds after <paramref name="started"/>): a thread that
    /// ends early idles its core for the rest of the run. And each thread's CPU seconds over its workers, training's
    /// own CPU apart from counting and encoding (bench/scaling.sh's σ).
    /// </summary>
    public void LogEnds(long started)
    {
        if (_lanes.Length > 1)
        {
            _log?.Invoke($"train: workers ended at {string.Join(", ", _lanes.Select(l => $"{Stopwatch.GetElapsedTime(started, l.Current.FinishedAt).TotalSeconds:F2}"))} s");
        }

        _log?.Invoke($"train: worker CPU {string.Join(", ", _lanes.Select(l => $"{l.Workers.Sum(w => w.CpuNanoseconds) / 1e9:F2}"))} s");
    }

    /// <summary>Waits for every mover (they write the matrices, which are freed after the run).</summary>
    public void Join()
    {
        foreach (Thread thread in _movers)
        {
            thread.Join();
        }
    }

    /// <summary>One thread's work: its own worker, then the movers it ran in turn.</summary>
    private sealed class Lane(Worker own, WorkerTail ownTail)
    {
        public Worker Own { get; } = own;

        public WorkerTail OwnTail { get; } = ownTail;

        public Worker Current { get; set; } = own;

        public WorkerTail Tail { get; set; } = ownTail;

        public List<Worker> Workers { get; } = [own];

        public bool Retired { get; set; }
    }
}

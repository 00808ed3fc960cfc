using FastSgns.Checkpoints;

namespace FastSgns.Training;

internal sealed partial class SgnsTrainer
{
    /// <summary>
    /// Ids another process of a distributed run handed over (the end of its last epoch, <see cref="WorkerTail"/>):
    /// each batch is trained on this process's threads as the last epoch, with the shared word count (so the learning
    /// rate follows the job). With checkpoints its workers park for them like the process's own, and a checkpoint
    /// records what each has still to train (<see cref="States"/>), which a resumed run hands to one worker again.
    /// </summary>
    private sealed class ReceivedWork(WorkerPlan common, int threads, ulong seed)
    {
        private readonly List<(Worker Worker, HandoverBatch Batch, long End)> _workers = [];
        private readonly List<Thread> _running = [];
        private int _batches;

        /// <summary>Workers started so far (running, parked or finished): a pause waits for each of them too.</summary>
        public int Started => _running.Count;

        /// <summary>Trains a batch just handed over, sliced over this process's threads; returns a check that says when it is done.</summary>
        public Func<bool> Train(HandoverBatch batch)
        {
            long[] bounds = SliceBounds(batch.Corpus, threads);
            var started = new List<Thread>();
            for (int t = 0; t < threads; t++)
            {
                if (bounds[t + 1] > bounds[t])
                {
                    ulong random = seed + (ulong)((_batches + 1) * threads + t) * 0x9E3779B97F4A7C15UL;
                    started.Add(Start(batch, bounds[t], bounds[t + 1], new WorkerState(common.Epochs - 1, bounds[t], 0, random, 0, 0)));
                }
            }

            _batches++;
            return () => started.TrueForAll(t => !t.IsAlive);
        }

        /// <summary>Trains what a checkpoint says one worker had still to train of a batch, with its generator and counts.</summary>
        public Func<bool> Resume(HandoverBatch batch, WorkerState state)
        {
            Thread thread = Start(batch, 0, batch.Corpus.Length, state with { Epoch = common.Epochs - 1, Position = 0 });
            return () => !thread.IsAlive;
        }

        private Thread Start(HandoverBatch batch, long start, long end, WorkerState from)
        {
            var worker = new Worker(common with { Id = threads + _running.Count, Corpus = batch.Corpus, Start = start, End = end, Tail = null, From = from });
            var thread = new Thread(worker.Run, maxStackSize: 1 << 20) { IsBackground = true, Name = $"sgns-received-{_running.Count}" };
            _workers.Add((worker, batch, end));
            _running.Add(thread);
            thread.Start();
            return thread;
        }

        /// <summary>
        /// What each received worker has still to train, for a checkpoint taken while they are parked: the job's ranges
        /// and the worker's state (the taker is filled in by the synchroniser).
        /// </summary>
        public List<MovedWork> States()
        {
            var moved = new List<MovedWork>();
            foreach ((Worker worker, HandoverBatch batch, long end) in _workers)
            {
                WorkerState state = worker.State;
                (long From, long To)[] left = state.Epoch < common.Epochs ? batch.Left(state.Position, end) : [];
                if (left.Length > 0)
                {
                    moved.Add(new MovedWork(-1, left, state));
                }
            }

            return moved;
        }

        /// <summary>Waits for every received batch's workers (they write the matrices, which are freed after the run).</summary>
        public void Join()
        {
            foreach (Thread thread in _running)
            {
                thread.Join();
            }
        }
    }
}

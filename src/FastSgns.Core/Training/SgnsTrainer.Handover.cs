using FastSgns.Checkpoints;
using FastSgns.Ids;

namespace FastSgns.Training;

internal sealed partial class SgnsTrainer
{
    /// <summary>
    /// Ids another process of a distributed run handed over (the end of its last epoch, <see cref="WorkerTail"/>):
    /// each batch is trained on this process's threads as the last epoch, with the shared word count (so the learning
    /// rate follows the job), by workers that do not park for checkpoints (their ids are not this process's shard).
    /// </summary>
    private sealed class ReceivedWork(WorkerPlan common, int threads, ulong seed)
    {
        private readonly List<Thread> _running = [];
        private int _batches;

        public Func<bool> Train(EncodedCorpus corpus)
        {
            long[] bounds = SliceBounds(corpus, threads);
            var started = new List<Thread>();
            for (int t = 0; t < threads; t++)
            {
                if (bounds[t + 1] <= bounds[t])
                {
                    continue;
                }

                ulong random = seed + (ulong)((_batches + 1) * threads + t) * 0x9E3779B97F4A7C15UL;
                var worker = new Worker(common with
                {
                    Id = threads + t, Corpus = corpus, Start = bounds[t], End = bounds[t + 1], Checkpointing = false, Tail = null,
                    From = new WorkerState(common.Epochs - 1, bounds[t], 0, random, 0, 0),
                });
                var thread = new Thread(worker.Run, maxStackSize: 1 << 20) { IsBackground = true, Name = $"sgns-received-{t}" };
                thread.Start();
                started.Add(thread);
            }

            _batches++;
            _running.AddRange(started);
            return () => started.TrueForAll(t => !t.IsAlive);
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

using System.Diagnostics;
using System.Globalization;
using FastSgns.Checkpoints;
using FastSgns.Diagnostics;
using FastSgns.Embeddings;
using FastSgns.Ids;

namespace FastSgns.Training;

internal sealed partial class SgnsTrainer
{
    /// <summary>
    /// The options that shape the result (keyed by their <see cref="TrainingOptions"/> names), the encoded corpus and
    /// the caller's <see cref="RunIdentity"/>: a checkpoint resumes only a run that agrees on all of them (threads and
    /// kernel included, as they decide slices and rounding).
    /// Without <paramref name="corpus"/>, all but its entry: what can be checked before the corpus is encoded.
    /// </summary>
    internal IReadOnlyList<KeyValuePair<string, string>> Identity(EncodedCorpus? corpus)
    {
        var c = CultureInfo.InvariantCulture;
        var o = _options;
        List<KeyValuePair<string, string>> identity =
        [
            new(nameof(o.Dim), o.Dim.ToString(c)), new(nameof(o.Window), o.Window.ToString(c)), new(nameof(o.Negative), o.Negative.ToString(c)),
            new(nameof(o.NsExponent), o.NsExponent.ToString("R", c)), new(nameof(o.StopAfterEpochs), o.StopAfterEpochs.ToString(c)),
            new(nameof(o.Sample), o.Sample.ToString("R", c)), new(nameof(o.Epochs), o.Epochs.ToString(c)), new(nameof(o.Alpha), o.Alpha.ToString("R", c)),
            new(nameof(o.Threads), (Synchroniser?.ThreadsPerShard ?? o.Threads).ToString(c)), new(nameof(o.Seed), o.Seed.ToString(c)), new(nameof(o.Kernel), _kernel.Name),
            new(nameof(o.Mode), o.Mode.ToString().ToLowerInvariant()), new(nameof(o.SharedNegatives), o.SharedNegatives.ToString(c)),
            new(nameof(o.SigmoidTableSize), o.SigmoidTableSize.ToString(c)), new(nameof(o.SigmoidMaxExp), o.SigmoidMaxExp.ToString("R", c)),
            new("VocabularySize", _counts.Length.ToString(c)),
            new(nameof(o.Model), o.Model.ToString().ToLowerInvariant()), new(nameof(o.CbowMean), o.CbowMean ? "mean" : "sum"),
            new(nameof(o.HierarchicalSoftmax), o.HierarchicalSoftmax ? "on" : "off"),
        ];
        if (corpus is not null)
        {
            identity.Add(new("EncodedCorpus", _scope?.Corpus ?? $"{corpus.Length.ToString(c)} ids, {corpus.WordCount.ToString(c)} words"));
        }

        identity.AddRange(RunIdentity);
        return identity;
    }

    /// <summary>
    /// Runs on the training thread between progress reports: decides when a checkpoint is due (every
    /// <see cref="CheckpointPlan.EveryFraction"/>, not more often than its minimum interval) or forced (cancellation),
    /// parks the workers at sentence boundaries, saves, and lets them continue or stop.
    /// </summary>
    private sealed class Coordinator(SgnsTrainer trainer, EncodedCorpus corpus, WorkerBalance workers, SharedState shared,
        Matrices matrices, CancellationToken cancellation)
    {
        private readonly CheckpointPlan? _plan = trainer.Checkpoints;
        private readonly long _step = trainer.Checkpoints is { EveryFraction: > 0 } p ? Math.Max(1, (long)(p.EveryFraction * shared.TotalWords)) : 0;
        private long _nextMark = -1;
        private TimeSpan _lastSaved;

        public void Tick(TimeSpan elapsed)
        {
            // Distributed runs checkpoint at syncs, where every process decides alike (the synchroniser's host).
            if (_plan is null || trainer.Synchroniser is not null || shared.Failure is not null)
            {
                return;
            }

            if (_nextMark < 0)
            {
                _nextMark = _step > 0 ? (shared.StartWords / _step + 1) * _step : long.MaxValue;
            }

            bool interrupt = cancellation.IsCancellationRequested || shared.StopRequested;
            long words = Interlocked.Read(ref shared.WordsProcessed);
            bool due = words >= _nextMark && elapsed - _lastSaved >= _plan.MinInterval;
            if (!interrupt && !due)
            {
                return;
            }

            bool working = shared.PauseAll(workers.Started) || workers.Unstarted;
            if (shared.Failure is not null || !working)
            {
                // A failure is reported by the run; when every worker already finished there is nothing to save.
                shared.ReleaseAll(stop: shared.Failure is not null);
                return;
            }

            double fraction = Save();
            _lastSaved = elapsed;
            _nextMark = _step > 0 ? (Interlocked.Read(ref shared.WordsProcessed) / _step + 1) * _step : long.MaxValue;
            if (interrupt)
            {
                shared.ReleaseAll(stop: true);
                throw new TrainingInterruptedException(_plan.Path, fraction);
            }

            shared.ReleaseAll(stop: false);
        }

        private double Save()
        {
            var stopwatch = Stopwatch.StartNew();
            long words = Interlocked.Read(ref shared.WordsProcessed);
            (WorkerState[] states, long[] ends, MovedWork[] moved) = workers.Checkpoint();
            var checkpoint = new TrainingCheckpoint { Identity = trainer.Identity(corpus), WordsProcessed = words, Workers = states, Ends = ends, Moved = moved };
            checkpoint.Save(_plan!.Path, trainer.Vocabulary!, matrices.Input, matrices.Output, matrices.Tree);
            double fraction = shared.TotalWords == 0 ? 1 : (double)words / shared.TotalWords;
            long bytes = new FileInfo(_plan.Path).Length;
            trainer.Log?.Invoke($"checkpoint: {fraction:P1} saved to {_plan.Path} ({bytes / 1e6:F1} MB in {stopwatch.Elapsed.TotalSeconds:F2} s, {bytes / 1e6 / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9):F0} MB/s){ProcessMemory.PeakSuffix()}");
            return fraction;
        }
    }
}

using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>Keeps every progress snapshot for <c>train --plot</c>, passing each on to the printer if there is one.</summary>
internal sealed class ProgressRecorder(IProgress<TrainingProgress>? next) : IProgress<TrainingProgress>
{
    private readonly List<TrainingProgress> _snapshots = [];
    private readonly Lock _lock = new();

    public void Report(TrainingProgress value)
    {
        // Reports come from the trainer's threads; the list is read only after training ends.
        lock (_lock)
        {
            _snapshots.Add(value);
        }

        next?.Report(value);
    }

    public IReadOnlyList<TrainingProgress> Snapshots
    {
        get
        {
            lock (_lock)
            {
                return [.. _snapshots];
            }
        }
    }
}

namespace FastSgns.Checkpoints;

/// <summary>How a training run saves and restores checkpoints (see <see cref="TrainingCheckpoint"/>).</summary>
internal sealed class CheckpointPlan
{
    /// <summary>The checkpoint file; written atomically, so it is always either the previous one or a complete new one.</summary>
    public required string Path { get; init; }

    /// <summary>Save every this fraction of the training (0.1 = every 10%); 0 saves only when interrupted.</summary>
    public double EveryFraction { get; init; }

    /// <summary>Never save periodically more often than this, however small <see cref="EveryFraction"/> is.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Continue from <see cref="Path"/> instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>Test hook: behave as if interrupted once this many words were processed (0: never).</summary>
    internal long StopAfterWords { get; init; }
}

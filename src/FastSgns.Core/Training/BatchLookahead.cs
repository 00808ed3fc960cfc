using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// The two batch generators of <see cref="LookaheadBatchStep"/>, used in turn: one holds the sentence waiting to be
/// trained (its batches already drawn, its rows already being fetched), the other takes the next sentence.
/// </summary>
internal sealed class BatchLookahead(BatchGenerator first, BatchGenerator second)
{
    private readonly BatchGenerator[] _generators = [first, second];
    private int _pending = -1;

    /// <summary>The sentence waiting to be trained; null when none is.</summary>
    public BatchGenerator? Pending => _pending < 0 ? null : _generators[_pending];

    /// <summary>The waiting sentence's batch count and learning rate (meaningful while <see cref="Pending"/> is set).</summary>
    public int PendingBatches { get; private set; }

    public float PendingAlpha { get; private set; }

    /// <summary>The generator the next sentence goes into: never the one holding the waiting sentence.</summary>
    public BatchGenerator Free => _generators[_pending == 0 ? 1 : 0];

    /// <summary>After the waiting sentence was trained: the sentence just generated into <see cref="Free"/> waits next (none if it gave no batch).</summary>
    public void Advance(int batches, float alpha)
    {
        int free = _pending == 0 ? 1 : 0;
        (_pending, PendingBatches, PendingAlpha) = batches > 0 ? (free, batches, alpha) : (-1, 0, 0f);
    }

    /// <summary>After a flush: nothing waits.</summary>
    public void Clear() => (_pending, PendingBatches, PendingAlpha) = (-1, 0, 0f);
}

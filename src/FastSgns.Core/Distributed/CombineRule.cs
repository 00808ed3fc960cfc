namespace FastSgns.Distributed;

/// <summary>How a sync combines the changes the ranks made to one row since the last sync (<see cref="RowAverager"/>).</summary>
internal enum CombineRule
{
    /// <summary>
    /// Add the independent part of the changes and apply the shared part at most twice: the sum of the changes divided
    /// by max(1, ρ / 2), ρ = ‖Σ changes‖² / Σ‖change‖² clamped to the ranks that changed the row (1 for changes in
    /// unrelated directions, k for one change made on k ranks). Up to 2 ranks this is <see cref="Sum"/>. The sum of k
    /// copies of one move leaves a row each rank took a fraction f of the way to its target (1 − k·f) of the way off:
    /// for k ≥ 3 and hot rows (f near 1) that grows at every sync, the defect that kept 3 ranks from learning.
    /// </summary>
    Adaptive,

    /// <summary>Add every rank's change: right while a row moves little between syncs; overshoots a row every rank moved far the same way.</summary>
    Sum,

    /// <summary>Average the changes over the ranks that made one (pWord2Vec-MPI): divides the learning rate of a row by the ranks that touch it.</summary>
    Average,
}

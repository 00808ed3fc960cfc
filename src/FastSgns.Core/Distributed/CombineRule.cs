namespace FastSgns.Distributed;

/// <summary>How a sync combines the changes the ranks made to one row since the last sync (<see cref="RowAverager"/>).</summary>
internal enum CombineRule
{
    /// <summary>
    /// Add the independent part of the changes and count the shared part once: the sum of the changes divided by
    /// ‖Σ changes‖² / Σ‖change‖², clamped to [1, ranks that changed the row]. Changes in unrelated directions (a few
    /// updates each, as Hogwild threads make) are all kept, as by <see cref="Sum"/>; the same move made on every rank
    /// (a hot row each rank drove to the same place during the interval) is made once, as by <see cref="Average"/>.
    /// </summary>
    Adaptive,

    /// <summary>Add every rank's change: right while a row moves little between syncs; overshoots a row every rank moved far the same way.</summary>
    Sum,

    /// <summary>Average the changes over the ranks that made one (pWord2Vec-MPI): divides the learning rate of a row by the ranks that touch it.</summary>
    Average,
}

namespace FastSgns.Distributed;

/// <summary>
/// The collectives a <see cref="RowExchange"/> needs: MPI's world in a run (<see cref="MpiCommunicator"/>), or
/// ranks simulated in one process by a test, so the combining rule can be checked row by row without mpirun.
/// </summary>
internal interface IRowCollectives
{
    /// <summary>The number of ranks.</summary>
    int Ranks { get; }

    /// <summary>This rank's number, from 0.</summary>
    int Rank { get; }

    /// <summary>Sums <paramref name="send"/> over every rank into <paramref name="receive"/>; every rank gets the same sums.</summary>
    void Sum(ReadOnlySpan<float> send, Span<float> receive);

    /// <summary>
    /// Every rank's <paramref name="send"/> (the same length on every rank), in rank order, into <paramref name="receive"/>
    /// (<see cref="Ranks"/> times as long).
    /// </summary>
    void Gather(ReadOnlySpan<ushort> send, Span<ushort> receive);
}

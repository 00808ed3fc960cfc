namespace FastSgns.Distributed;

/// <summary>
/// The collective a <see cref="RowExchange"/> needs: MPI's world in a run (<see cref="MpiCommunicator"/>), or
/// ranks simulated in one process by a test, so the combining rule can be checked row by row without mpirun.
/// </summary>
internal interface IRowCollectives
{
    /// <summary>Sums <paramref name="send"/> over every rank into <paramref name="receive"/>; every rank gets the same sums.</summary>
    void Sum(ReadOnlySpan<float> send, Span<float> receive);

    /// <summary>
    /// Sums half-precision <paramref name="send"/> over every rank into <paramref name="receive"/> (each partial sum
    /// rounded to half precision); every rank gets the same sums.
    /// </summary>
    void Sum(ReadOnlySpan<Half> send, Span<Half> receive);
}

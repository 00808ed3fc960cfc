namespace FastSgns.Kernels;

/// <summary>
/// The two bf16 operations of <see cref="VectorKernel{TOps, TVec}"/>'s bf16 output rows (<see cref="Bf16"/>), at one
/// vector width: integer shifts, adds and a narrowing, no bf16 instructions. Whole vectors only; the kernel does a
/// row's last partial chunk element by element with <see cref="Bf16"/>'s scalar members, which compute the same bits.
/// </summary>
/// <typeparam name="TVec">The vector of floats, e.g. <c>Vector512&lt;float&gt;</c>.</typeparam>
internal unsafe interface IBf16Ops<TVec>
    where TVec : unmanaged
{
    /// <summary>The vector's width of bf16 values at <paramref name="source"/>, widened to floats (exact).</summary>
    static abstract TVec WidenBf16(ushort* source);

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="destination"/> as bf16, stochastically rounded with one draw
    /// per element from the generators at <paramref name="lanes"/> (one per element, each advanced once), exactly as
    /// <see cref="Bf16.Round"/>(value[i], <see cref="Bf16.Next"/>(ref lanes[i])) would.
    /// </summary>
    static abstract void StoreBf16(ushort* destination, TVec value, uint* lanes);
}

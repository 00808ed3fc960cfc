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
    /// One step of every lane's generator, generalised: state·<paramref name="multiplier"/> + <paramref name="increment"/>
    /// (mod 2^32) per lane, the states held as the bits of a <typeparamref name="TVec"/>. With the n-step constants
    /// (<see cref="Bf16.Multiplier"/>^n and its increment) it jumps n draws at once, so the rows of a chunk each find
    /// their draws from the chunk's starting state instead of waiting for the row before.
    /// </summary>
    static abstract TVec StepLanes(TVec state, uint multiplier, uint increment);

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="destination"/> as bf16, stochastically rounded with the draws of
    /// the already advanced lane states <paramref name="state"/> (their high 16 bits), exactly as
    /// <see cref="Bf16.Round"/>(value[i], state[i] >> 16) would.
    /// </summary>
    static abstract void StoreBf16(ushort* destination, TVec value, TVec state);
}

namespace FastSgns.Kernels;

/// <summary>
/// What <see cref="SigmoidGather{TOps, TVec}"/> needs beyond <see cref="IVectorOps{TVec}"/>: the table entry of each
/// lane and a gather from the table. Lanes that hold entries carry int32 bits in a float vector.
/// </summary>
internal unsafe interface IGatherOps<TVec> : IVectorOps<TVec>
    where TVec : unmanaged
{
    static abstract TVec Floor(TVec value);

    /// <summary>All bits set in the lanes where a == b (so NaN lanes of <c>EqualMask(x, x)</c> are clear).</summary>
    static abstract TVec EqualMask(TVec a, TVec b);

    /// <summary>All bits set in the lanes where a &lt; b (clear where either is NaN).</summary>
    static abstract TVec LessThanMask(TVec a, TVec b);

    /// <summary>The lane-wise minimum, for values that are not NaN (the cheapest instruction, whatever it does with NaN).</summary>
    static abstract TVec Min(TVec a, TVec b);

    static abstract TVec Max(TVec a, TVec b);

    /// <summary>Integral values in int32 range to int32 lanes (their bits in the result).</summary>
    static abstract TVec ToInt32(TVec integral);

    /// <summary>The int32 lanes of a and b added (both hold int32 bits).</summary>
    static abstract TVec AddInt32(TVec a, TVec b);

    /// <summary>table[index] for the int32 index in each lane.</summary>
    static abstract TVec Gather(float* table, TVec indices);

    static abstract int FirstInt32(TVec indices);

    static abstract float First(TVec value);
}

namespace FastSgns.Tests.Kernels;

/// <summary>
/// How a <see cref="KernelCase"/> lays out its matrices. Rows are dim floats apart (exact) or padded as training
/// allocates them (a multiple of 16 floats; dim + 5 where dim already is one). Placement 0 puts each matrix's last
/// float against a guard page; 1..3 start it that many floats past a 64-byte boundary (see <see cref="GuardedBuffer"/>).
/// <paramref name="ZeroPadding"/>: padded rows whose padding is +0, declared so to the kernel
/// (<c>KernelContext.ZeroPadding</c>), as training's matrices are; otherwise the padding holds a marked NaN.
/// </summary>
public readonly record struct KernelLayout(bool Padded, int Placement, bool ZeroPadding = false)
{
    /// <summary>Every combination: exact and padded rows, each at placements 0..3.</summary>
    public static readonly KernelLayout[] All = [.. new[] { false, true }.SelectMany(padded => Enumerable.Range(0, 4).Select(p => new KernelLayout(padded, p)))];

    /// <summary>Padded rows with zero padding declared to the kernel, at placements 0..3 (the batched kernels' whole-vector path).</summary>
    public static readonly KernelLayout[] ZeroPadded = [.. Enumerable.Range(0, 4).Select(p => new KernelLayout(true, p, ZeroPadding: true))];

    /// <summary><see cref="All"/> and <see cref="ZeroPadded"/>.</summary>
    public static readonly KernelLayout[] AllWithZeroPadded = [.. All, .. ZeroPadded];

    public int StrideFor(int dim) => !Padded ? dim : dim % 16 != 0 ? (dim + 15) / 16 * 16 : dim + 5;

    public override string ToString() => $"{(ZeroPadding ? "zero-padded" : Padded ? "padded" : "exact")} rows at placement {Placement}";
}

namespace FastSgns.Tests.Kernels;

/// <summary>
/// How a <see cref="KernelCase"/> lays out its matrices. Rows are dim floats apart (exact) or padded as training
/// allocates them (a multiple of 16 floats; dim + 5 where dim already is one). Placement 0 puts each matrix's last
/// float against a guard page; 1..3 start it that many floats past a 64-byte boundary (see <see cref="GuardedBuffer"/>).
/// </summary>
public readonly record struct KernelLayout(bool Padded, int Placement)
{
    /// <summary>Every combination: exact and padded rows, each at placements 0..3.</summary>
    public static readonly KernelLayout[] All = [.. new[] { false, true }.SelectMany(padded => Enumerable.Range(0, 4).Select(p => new KernelLayout(padded, p)))];

    public int StrideFor(int dim) => !Padded ? dim : dim % 16 != 0 ? (dim + 15) / 16 * 16 : dim + 5;

    public override string ToString() => $"{(Padded ? "padded" : "exact")} rows at placement {Placement}";
}

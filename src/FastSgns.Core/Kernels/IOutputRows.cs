namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="VectorKernel{TOps, TVec}"/>'s shared-negative batch reaches the output rows, per way of storing them:
/// floats (<c>VectorKernel.Fp32Rows</c>) or bf16 (<c>VectorKernel.Bf16Rows</c>). The batch body is written once,
/// generic over this; a struct per storage makes the JIT compile one copy each with these members inlined.
/// </summary>
/// <typeparam name="TVec">The kernel's vector of floats.</typeparam>
internal unsafe interface IOutputRows<TVec>
    where TVec : unmanaged
{
    /// <summary>Starts loading the rows of the next batch (its contexts' input rows, its targets' output rows).</summary>
    static abstract void Prefetch(in KernelContext context, int* contextIds, int count, int* targetIds, int rows);

    /// <summary>
    /// Points <paramref name="outputs"/>[k] at floats holding target k's row as it is before the batch: the matrix row
    /// itself, or the bf16 row widened into <paramref name="snapshot"/> + k·<paramref name="snapshotStride"/>.
    /// </summary>
    static abstract void Prepare(in KernelContext context, int* targetIds, int rows, float** outputs, float* snapshot, int snapshotStride);

    /// <summary>
    /// Adds ΔO_k's chunk at <paramref name="j"/> (<paramref name="deltas"/> + k·vector width) to each target row in
    /// order k = 0..M, reloading the row so a repeated one receives every delta (the whole vector, or the first
    /// <paramref name="tail"/> values when <paramref name="masked"/>).
    /// </summary>
    static abstract void AddDeltas(in KernelContext context, float** outputs, int* targetIds, int rows, float* deltas, int j, TVec mask, int tail, bool masked);
}

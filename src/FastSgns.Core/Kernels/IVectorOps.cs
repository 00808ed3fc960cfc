namespace FastSgns.Kernels;

/// <summary>
/// The vector operations <see cref="VectorKernel{TOps, TVec}"/> is written against: one implementing struct per
/// instruction set (<see cref="Avx512Ops"/>, <see cref="Avx2Ops"/>, <see cref="Vector128Ops"/>), all members static.
/// Because TOps is a struct, the JIT compiles the kernel once per implementation and inlines every member into its
/// loops, so the generic loop runs the instructions a hand-written one would (checked in
/// bench/results/kernel-generic-disasm-2026-11-28.md). 
/// </summary>
/// <typeparam name="TVec">The vector of floats, e.g. <c>Vector512&lt;float&gt;</c>.</typeparam>
internal unsafe interface IVectorOps<TVec>
    where TVec : unmanaged
{
    /// <summary>The kernel's name in <see cref="KernelRegistry"/> (--kernel, FASTSGNS_KERNEL).</summary>
    static abstract string Name { get; }

    /// <summary>Whether this CPU and runtime run every member with hardware instructions.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>Floats per vector; at most <see cref="KernelWorkspace.MaxVectorFloats"/>.</summary>
    static abstract int Count { get; }

    static abstract TVec Create(float value);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    static abstract TVec And(TVec a, TVec b);

    /// <summary>a &amp; ~b.</summary>
    static abstract TVec AndNot(TVec a, TVec b);

    static abstract TVec Load(float* source);

    static abstract void Store(TVec value, float* destination);

    /// <summary>The mask of the first min(<paramref name="count"/>, <see cref="Count"/>) lanes, for the tail members.</summary>
    static abstract TVec TailMask(int count);

    /// <summary>
    /// The first min(<paramref name="count"/>, <see cref="Count"/>) floats at <paramref name="source"/>, zero in the
    /// other lanes; nothing past them is read. <paramref name="mask"/> is <see cref="TailMask"/>(count): an
    /// implementation uses the mask or the count, whichever its instructions need.
    /// </summary>
    static abstract TVec LoadTail(float* source, TVec mask, int count);

    /// <summary>Stores the first min(<paramref name="count"/>, <see cref="Count"/>) lanes; nothing past them is written.</summary>
    static abstract void StoreTail(float* destination, TVec value, TVec mask, int count);

    /// <summary>a·b + c rounded once, as <see cref="IBatchedSgnsKernel"/>'s update requires (emulated where the CPU has no FMA).</summary>
    static abstract TVec FusedMultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>a·b + c for dot products: fused where the CPU can, separate otherwise (dots may round either way).</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract float Sum(TVec value);

    /// <summary>The sigmoid step (<see cref="SigmoidGather{TOps, TVec}.Gradients"/>) at the width this instruction set gathers at.</summary>
    static abstract float Gradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha);

    /// <summary>
    /// The sigmoid step of one context of a shared-negative batch (<see cref="SigmoidGather{TOps, TVec}.BatchGradients"/>), at the
    /// same width, its loss added lane by lane to <paramref name="losses"/> (16 floats, summed once per kernel call).
    /// </summary>
    static abstract void BatchGradients(in KernelContext context, float* dots, float* gradients, int rows, float alpha, float* losses);

    /// <summary>The sigmoid step with a label per row (<see cref="SigmoidGather{TOps, TVec}.LabelGradients"/>), at the same width; <paramref name="skipSaturated"/> for hierarchical softmax.</summary>
    static abstract float LabelGradients(in KernelContext context, float* dots, float* labels, float* gradients, int rows, float alpha, bool skipSaturated);
}

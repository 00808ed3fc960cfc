namespace FastSgns.Kernels;

/// <summary>The checks every <see cref="ISgnsKernel.TrainPairs"/> makes before it touches a row.</summary>
internal static class PairArguments
{
    /// <summary>Throws unless M ≥ 0, every pair has its M+1 targets and the context's scratch is large enough.</summary>
    public static void Validate(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negatives);
        long needed = (long)inputs.Length * (negatives + 1);
        if (targets.Length < needed)
        {
            throw new ArgumentException($"{inputs.Length} pairs with {negatives} negatives need {needed} targets; got {targets.Length}.", nameof(targets));
        }

        KernelWorkspace.Require(context, PairScratch.Floats(context.Dim, negatives), nameof(KernelWorkspace.ForPairs));
    }
}

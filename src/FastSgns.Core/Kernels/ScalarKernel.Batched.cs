namespace FastSgns.Kernels;

internal sealed unsafe partial class ScalarKernel : IBatchedSgnsKernel
{
    /// <summary>The reference for <see cref="IBatchedSgnsKernel"/>: its contract, one loop per formula.</summary>
    public float TrainBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        BatchedArguments.Validate(context, contexts, offsets, targets, negatives);
        int rows = negatives + 1;
        float loss = 0;
        fixed (int* contextIds = contexts)
        fixed (int* targetIds = targets)
        {
            for (int b = 0; b + 1 < offsets.Length; b++)
            {
                loss += TrainBatch(context, contextIds + offsets[b], offsets[b + 1] - offsets[b], targetIds + (long)b * rows, rows, alpha);
            }
        }

        return loss;
    }

    private static float TrainBatch(in KernelContext c, int* contextIds, int count, int* targetIds, int rows, float alpha)
    {
        int dim = c.Dim;
        var scratch = new BatchScratch(c, count, rows);
        int gradientStride = scratch.GradientStride;
        float* gradients = scratch.Gradients;      // G[i, k] at gradients[i·gradientStride + k]
        float* deltaInput = scratch.DeltaInput;    // ΔC_i[j] for the current j
        float* deltaOutput = scratch.DeltaOutput;  // ΔO_k[j] for the current j
        float loss = 0;

        for (int i = 0; i < count; i++)
        {
            float* input = c.Input + contextIds[i] * c.Stride;
            for (int k = 0; k < rows; k++)
            {
                gradients[i * gradientStride + k] = Gradient(c, input, c.Output + targetIds[k] * c.Stride, k, alpha, ref loss);
            }
        }

        for (int j = 0; j < dim; j++)
        {
            // Both deltas of column j from its pre-batch values ...
            for (int i = 0; i < count; i++)
            {
                float delta = 0;
                for (int k = 0; k < rows; k++)
                {
                    delta = MathF.FusedMultiplyAdd(gradients[i * gradientStride + k], c.Output[targetIds[k] * c.Stride + j], delta);
                }

                deltaInput[i] = delta;
            }

            for (int k = 0; k < rows; k++)
            {
                float delta = 0;
                for (int i = 0; i < count; i++)
                {
                    delta = MathF.FusedMultiplyAdd(gradients[i * gradientStride + k], c.Input[contextIds[i] * c.Stride + j], delta);
                }

                deltaOutput[k] = delta;
            }

            // ... then applied one by one, so a repeated row receives each of its deltas.
            for (int i = 0; i < count; i++)
            {
                c.Input[contextIds[i] * c.Stride + j] += deltaInput[i];
            }

            for (int k = 0; k < rows; k++)
            {
                c.Output[targetIds[k] * c.Stride + j] += deltaOutput[k];
            }
        }

        return loss;
    }
}

namespace FastSgns.Kernels;

internal sealed unsafe partial class ScalarKernel
{
    /// <summary>The reference for <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/>: its contract, one loop per formula.</summary>
    public float TrainLabeledBatches(in KernelContext context, in LabeledBatches batches, float alpha)
    {
        LabeledBatchArguments.Validate(context, batches);
        float loss = 0;
        fixed (int* contextIds = batches.Contexts)
        fixed (int* targetIds = batches.Targets)
        fixed (float* labels = batches.Labels)
        {
            for (int b = 0; b < batches.Count; b++)
            {
                int count = batches.Offsets[b + 1] - batches.Offsets[b];
                int from = batches.TargetOffsets[b];
                int rows = batches.TargetOffsets[b + 1] - from;
                if (count > 0 && rows > 0)
                {
                    loss += TrainPathBatch(context, contextIds + batches.Offsets[b], count, targetIds + from, labels + from, rows, alpha);
                }
            }
        }

        return loss;
    }

    private static float TrainPathBatch(in KernelContext c, int* contextIds, int count, int* targetIds, float* labels, int rows, float alpha)
    {
        int dim = c.Dim;
        var scratch = new PathBatchScratch(c, count, rows);
        int stride = scratch.GradientStride;
        float* gradients = scratch.Gradients;   // F[i, k], then G[i, k], at gradients[i·stride + k]
        float* gram = scratch.Gram;             // K[i, j] at gram[i·GramStride + j], j < i
        float* deltaInput = scratch.DeltaInput; // ΔC_i[j] for the current j
        float loss = 0;

        // Every dot from the pre-batch rows: contexts against targets, and contexts against the earlier contexts.
        for (int i = 0; i < count; i++)
        {
            float* input = c.Input + contextIds[i] * c.Stride;
            for (int k = 0; k < rows; k++)
            {
                gradients[i * stride + k] = Dot(input, c.Output + targetIds[k] * c.Stride, dim);
            }

            for (int j = 0; j < i; j++)
            {
                gram[i * scratch.GramStride + j] = Dot(input, c.Input + contextIds[j] * c.Stride, dim);
            }
        }

        // Context i's dot with target k after contexts 0..i−1 moved it by G[j, k]·C_j, then its gradient.
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < rows; k++)
            {
                float f = gradients[i * stride + k];
                for (int j = 0; j < i; j++)
                {
                    f = MathF.FusedMultiplyAdd(gram[i * scratch.GramStride + j], gradients[j * stride + k], f);
                }

                int entry = SigmoidTable.EntryOf(f, c.MaxExp, c.TableScale, c.TableSize);
                loss += (labels[k] != 0 ? c.PositiveLoss[entry] : c.NegativeLoss[entry]) + 0f * f;
                // Hierarchical softmax skips a saturated node, as word2vec.c does: gradient 0 moves neither row.
                gradients[i * stride + k] = SigmoidTable.IsSaturated(f, c.MaxExp) ? 0f : (labels[k] - c.Sigmoid[entry]) * alpha;
            }
        }

        for (int j = 0; j < dim; j++)
        {
            for (int i = 0; i < count; i++)
            {
                deltaInput[i] = 0;
            }

            // Each target moves context by context; each context's delta reads the target as the earlier ones left it.
            for (int k = 0; k < rows; k++)
            {
                float* target = c.Output + targetIds[k] * c.Stride + j;
                float value = *target;
                for (int i = 0; i < count; i++)
                {
                    float g = gradients[i * stride + k];
                    deltaInput[i] = MathF.FusedMultiplyAdd(g, value, deltaInput[i]);
                    value = MathF.FusedMultiplyAdd(g, c.Input[contextIds[i] * c.Stride + j], value);
                }

                *target = value;
            }

            // The contexts move last, one by one, so a repeated context receives both deltas.
            for (int i = 0; i < count; i++)
            {
                c.Input[contextIds[i] * c.Stride + j] += deltaInput[i];
            }
        }

        return loss;
    }

    private static float Dot(float* a, float* b, int dim)
    {
        float f = 0;
        for (int j = 0; j < dim; j++)
        {
            f += a[j] * b[j];
        }

        return f;
    }
}

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
                // A batch without contexts changes nothing, and with bf16 rows must draw nothing either.
                if (offsets[b + 1] > offsets[b])
                {
                    loss += TrainBatch(context, contextIds + offsets[b], offsets[b + 1] - offsets[b], targetIds + (long)b * rows, rows, alpha);
                }
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
        float** outputs = scratch.Outputs;         // O_k as the batch reads it: the matrix's row, or a bf16 row widened
        bool bf16 = c.OutputBf16 != null;
        uint* lanes = bf16 ? BatchScratch.Lanes(c) : null;
        float loss = 0;

        for (int k = 0; k < rows; k++)
        {
            outputs[k] = bf16 ? Widened(c.OutputBf16 + targetIds[k] * c.Stride, scratch.Snapshot + k * scratch.SnapshotStride, dim)
                : c.Output + targetIds[k] * c.Stride;
        }

        for (int i = 0; i < count; i++)
        {
            float* input = c.Input + contextIds[i] * c.Stride;
            for (int k = 0; k < rows; k++)
            {
                gradients[i * gradientStride + k] = Gradient(c, input, outputs[k], k, alpha, ref loss);
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
                    delta = MathF.FusedMultiplyAdd(gradients[i * gradientStride + k], outputs[k][j], delta);
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
                if (bf16)
                {
                    // Read again from the matrix (a repeated row sees its earlier delta), rounded with column j's lane.
                    ushort* value = c.OutputBf16 + targetIds[k] * c.Stride + j;
                    *value = Bf16.Round(Bf16.Widen(*value) + deltaOutput[k], Bf16.Next(ref lanes[j % Bf16.Lanes]));
                }
                else
                {
                    c.Output[targetIds[k] * c.Stride + j] += deltaOutput[k];
                }
            }
        }

        return loss;
    }

    /// <summary>The first <paramref name="dim"/> values of a bf16 row widened into <paramref name="snapshot"/>, which is returned.</summary>
    private static float* Widened(ushort* row, float* snapshot, int dim)
    {
        for (int j = 0; j < dim; j++)
        {
            snapshot[j] = Bf16.Widen(row[j]);
        }

        return snapshot;
    }
}

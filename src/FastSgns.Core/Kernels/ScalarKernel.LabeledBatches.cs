namespace FastSgns.Kernels;

internal sealed unsafe partial class ScalarKernel
{
    /// <summary>The reference for <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/>: the batched reference with a label per target.</summary>
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
                    loss += TrainBatch(context, contextIds + batches.Offsets[b], count, targetIds + from, labels + from, rows, alpha);
                }
            }
        }

        return loss;
    }

    /// <summary><see cref="Gradient"/> with the target's label given: the loss from the positive table for label 1, the negative one for 0.</summary>
    private static float LabelGradient(in KernelContext c, float* input, float* output, float label, float alpha, ref float loss)
    {
        float f = 0;
        for (int j = 0; j < c.Dim; j++)
        {
            f += input[j] * output[j];
        }

        int entry = SigmoidTable.EntryOf(f, c.MaxExp, c.TableScale, c.TableSize);
        loss += (label != 0 ? c.PositiveLoss[entry] : c.NegativeLoss[entry]) + 0f * f;
        return (label - c.Sigmoid[entry]) * alpha;
    }
}

namespace FastSgns.Kernels;

internal sealed unsafe partial class ScalarKernel
{
    /// <summary>word2vec.c's CBOW and hierarchical-softmax loops, as <see cref="ISgnsKernel.TrainHidden"/> defines them.</summary>
    public float TrainHidden(in KernelContext context, in HiddenBatch batch, float alpha)
    {
        int rows = HiddenArguments.Validate(context, batch);
        var scratch = new HiddenScratch(context, rows);
        int dim = context.Dim;
        float* hidden = scratch.Hidden;
        float* gradient = scratch.Gradient;
        float* labels = scratch.Labels;
        for (int k = 0; k <= batch.Negatives && !batch.Targets.IsEmpty; k++)
        {
            labels[k] = k == 0 ? 1f : 0f;
        }

        float loss = 0;
        fixed (int* inputIds = batch.Inputs)
        fixed (int* nodeIds = batch.Nodes)
        fixed (float* nodeLabels = batch.NodeLabels)
        fixed (int* targetIds = batch.Targets)
        {
            for (int e = 0; e < batch.Examples; e++)
            {
                int* inputs = inputIds + batch.InputOffsets[e];
                int count = batch.InputOffsets[e + 1] - batch.InputOffsets[e];
                float* first = context.Input + inputs[0] * context.Stride;
                float scale = 1f / count;
                for (int j = 0; j < dim; j++)
                {
                    float h = first[j];
                    for (int i = 1; i < count; i++)
                    {
                        h += context.Input[inputs[i] * context.Stride + j];
                    }

                    hidden[j] = batch.Mean ? h * scale : h;
                    gradient[j] = 0;
                }

                if (!batch.NodeOffsets.IsEmpty)
                {
                    int from = batch.NodeOffsets[e];
                    loss += TrainPart(context, context.Tree, hidden, gradient, scratch.Gradients, nodeIds + from, nodeLabels + from, batch.NodeOffsets[e + 1] - from, alpha, skipSaturated: true);
                }

                if (!batch.Targets.IsEmpty)
                {
                    int parts = batch.Negatives + 1;
                    loss += TrainPart(context, context.Output, hidden, gradient, scratch.Gradients, targetIds + (long)e * parts, labels, parts, alpha,
                        skipSaturated: batch.GensimTargets, skipRepeats: batch.GensimTargets);
                }

                for (int i = 0; i < count; i++)
                {
                    float* row = context.Input + inputs[i] * context.Stride;
                    for (int j = 0; j < dim; j++)
                    {
                        row[j] += gradient[j];
                    }
                }
            }
        }

        return loss;
    }

    /// <summary>
    /// The hidden vector against <paramref name="rows"/> rows of <paramref name="matrix"/>, accumulating into the
    /// gradient. With <paramref name="skipSaturated"/> (hierarchical softmax) a row whose dot lies outside the
    /// table's open interval (−MaxExp, MaxExp) gets gradient 0, so neither it nor the hidden vector moves: word2vec.c
    /// skips such an inner node. Negative sampling keeps the saturated σ's update, as word2vec.c does, unless it follows
    /// gensim's rule (<see cref="HiddenBatch.GensimTargets"/>): then saturated rows are skipped too, and with
    /// <paramref name="skipRepeats"/> a later row equal to the first (a negative equal to the positive) gets gradient 0.
    /// </summary>
    private static float TrainPart(in KernelContext c, float* matrix, float* hidden, float* gradient, float* gradients, int* ids, float* labels, int rows, float alpha,
        bool skipSaturated, bool skipRepeats = false)
    {
        float loss = 0;
        for (int k = 0; k < rows; k++)
        {
            float* output = matrix + ids[k] * c.Stride;
            float f = 0;
            for (int j = 0; j < c.Dim; j++)
            {
                f += hidden[j] * output[j];
            }

            int entry = SigmoidTable.EntryOf(f, c.MaxExp, c.TableScale, c.TableSize);
            loss += (labels[k] != 0 ? c.PositiveLoss[entry] : c.NegativeLoss[entry]) + 0f * f;
            bool skipped = (skipSaturated && SigmoidTable.IsSaturated(f, c.MaxExp)) || (skipRepeats && k > 0 && ids[k] == ids[0]);
            gradients[k] = skipped ? 0f : (labels[k] - c.Sigmoid[entry]) * alpha;
        }

        for (int j = 0; j < c.Dim; j++)
        {
            float h = hidden[j];
            float error = gradient[j];
            for (int k = 0; k < rows; k++)
            {
                float* output = matrix + ids[k] * c.Stride;
                error += gradients[k] * output[j];
                output[j] += gradients[k] * h;
            }

            gradient[j] = error;
        }

        return loss;
    }
}

namespace FastSgns.Kernels;

internal sealed unsafe partial class ScalarKernel : IHiddenBatchKernel
{
    /// <summary>
    /// <see cref="IHiddenBatchKernel.TrainHiddenBatches"/> as its definition reads: per group, every example's hidden
    /// vector from the input rows as they are; then <see cref="TrainHidden"/>'s tree loop example by example (each dot
    /// sees the tree rows as the examples before it left them); then each example's gradient added to its input rows.
    /// </summary>
    public float TrainHiddenBatches(in KernelContext context, in HiddenBatch batch, float alpha)
    {
        int rows = HiddenBatchArguments.Validate(context, batch);
        var scratch = new HiddenBatchScratch(context, rows);
        int dim = context.Dim;
        float loss = 0;
        fixed (int* inputIds = batch.Inputs)
        fixed (int* nodeIds = batch.Nodes)
        fixed (float* nodeLabels = batch.NodeLabels)
        {
            for (int first = 0; first < batch.Examples; first += HiddenBatchScratch.Group)
            {
                int group = Math.Min(HiddenBatchScratch.Group, batch.Examples - first);
                for (int b = 0; b < group; b++)
                {
                    int e = first + b;
                    int* inputs = inputIds + batch.InputOffsets[e];
                    int count = batch.InputOffsets[e + 1] - batch.InputOffsets[e];
                    float* hidden = scratch.Hidden + b * scratch.DimStride;
                    float* gradient = scratch.Gradient + b * scratch.DimStride;
                    float scale = 1f / count;
                    for (int j = 0; j < dim; j++)
                    {
                        float h = context.Input[inputs[0] * context.Stride + j];
                        for (int i = 1; i < count; i++)
                        {
                            h += context.Input[inputs[i] * context.Stride + j];
                        }

                        hidden[j] = batch.Mean ? h * scale : h;
                        gradient[j] = 0;
                    }
                }

                for (int b = 0; b < group; b++)
                {
                    int from = batch.NodeOffsets[first + b];
                    loss += TrainPart(context, context.Tree, scratch.Hidden + b * scratch.DimStride, scratch.Gradient + b * scratch.DimStride, scratch.Dots,
                        nodeIds + from, nodeLabels + from, batch.NodeOffsets[first + b + 1] - from, alpha, skipSaturated: true);
                }

                for (int b = 0; b < group; b++)
                {
                    int e = first + b;
                    float* gradient = scratch.Gradient + b * scratch.DimStride;
                    for (int i = batch.InputOffsets[e]; i < batch.InputOffsets[e + 1]; i++)
                    {
                        float* row = context.Input + inputIds[i] * context.Stride;
                        for (int j = 0; j < dim; j++)
                        {
                            row[j] += gradient[j];
                        }
                    }
                }
            }
        }

        return loss;
    }
}

using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>The readable reference, following word2vec.c's inner loop; every other kernel is tested against it.</summary>
[SkipLocalsInit]
internal sealed unsafe partial class ScalarKernel : ISgnsKernel
{
    public string Name => "scalar";

    public bool IsSupported => true;

    public float TrainPairs(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        int rows = negatives + 1;
        float loss = 0;
        fixed (int* targetIds = targets)
        {
            for (int p = 0; p < inputs.Length; p++)
            {
                loss += TrainPair(context, inputs[p], targetIds + (long)p * rows, rows, alpha);
            }
        }

        return loss;
    }

    private static float TrainPair(in KernelContext c, int inputId, int* targetIds, int rows, float alpha)
    {
        int dim = c.Dim;
        float* input = c.Input + inputId * c.Stride;
        float* gradients = c.Scratch;
        float loss = 0;

        for (int k = 0; k < rows; k++)
        {
            float* output = c.Output + targetIds[k] * c.Stride;
            float f = 0;
            for (int j = 0; j < dim; j++)
            {
                f += input[j] * output[j];
            }

            int entry = SigmoidTable.EntryOf(f, c.MaxExp, c.TableScale, c.TableSize);
            float label = k == 0 ? 1f : 0f;
            gradients[k] = (label - c.Sigmoid[entry]) * alpha;
            loss += (k == 0 ? c.PositiveLoss[entry] : c.NegativeLoss[entry]) + 0f * f;
        }

        for (int j = 0; j < dim; j++)
        {
            float inputValue = input[j];
            float error = 0;
            for (int k = 0; k < rows; k++)
            {
                float* output = c.Output + targetIds[k] * c.Stride;
                error += gradients[k] * output[j];
                output[j] += gradients[k] * inputValue;
            }

            input[j] = inputValue + error;
        }

        return loss;
    }
}

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
        PairArguments.Validate(context, inputs, targets, negatives);
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
        float* gradients = new PairScratch(c, rows).Gradients;
        float loss = 0;

        for (int k = 0; k < rows; k++)
        {
            gradients[k] = Gradient(c, input, c.Output + targetIds[k] * c.Stride, k, alpha, ref loss);
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

    /// <summary>
    /// g = (label − σ(input·output))·alpha with σ from the table, label 1 for target 0 (the positive) and 0 for the
    /// negatives; adds the target's table loss to <paramref name="loss"/>, plus 0·f so a NaN or infinite dot poisons it.
    /// </summary>
    private static float Gradient(in KernelContext c, float* input, float* output, int k, float alpha, ref float loss)
    {
        float f = 0;
        for (int j = 0; j < c.Dim; j++)
        {
            f += input[j] * output[j];
        }

        int entry = SigmoidTable.EntryOf(f, c.MaxExp, c.TableScale, c.TableSize);
        loss += (k == 0 ? c.PositiveLoss[entry] : c.NegativeLoss[entry]) + 0f * f;
        return ((k == 0 ? 1f : 0f) - c.Sigmoid[entry]) * alpha;
    }
}

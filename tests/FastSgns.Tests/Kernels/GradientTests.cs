using FastSgns.Embeddings;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// One SGNS step of the reference kernel against the gradient of the loss
/// L = −log σ(in·out₀) − Σₖ log σ(−in·outₖ), differentiated numerically in double precision.
/// The step must be −alpha·∂L/∂in for the input row and −alpha·∂L/∂outₖ for each output row.
/// </summary>
public sealed unsafe class GradientTests
{
    private const int Dim = 7;
    private const int Negatives = 3;

    private static double Loss(double[] input, double[][] outputs)
    {
        double loss = 0;
        for (int k = 0; k < outputs.Length; k++)
        {
            double f = 0;
            for (int j = 0; j < Dim; j++)
            {
                f += input[j] * outputs[k][j];
            }

            loss -= Math.Log(1 / (1 + Math.Exp(k == 0 ? -f : f)));
        }

        return loss;
    }

    [Fact]
    public void ScalarStep_IsMinusAlphaTimesTheNumericGradient()
    {
        var random = new Random(11);
        double[] input = [.. Enumerable.Range(0, Dim).Select(_ => random.NextDouble() - 0.5)];
        double[][] outputs = [.. Enumerable.Range(0, Negatives + 1).Select(_ => Enumerable.Range(0, Dim).Select(_ => random.NextDouble() - 0.5).ToArray())];
        const float alpha = 0.01f;

        // A fine table (2^20 buckets over ±8) makes the table's σ exact to ~1e-5, below what this test resolves.
        using var table = new SigmoidTable(1 << 20, 8);
        using var inputMatrix = new EmbeddingMatrix(1, Dim);
        using var outputMatrix = new EmbeddingMatrix(Negatives + 1, Dim);
        for (int j = 0; j < Dim; j++)
        {
            inputMatrix.Row(0)[j] = (float)input[j];
        }

        for (int k = 0; k <= Negatives; k++)
        {
            for (int j = 0; j < Dim; j++)
            {
                outputMatrix.Row(k)[j] = (float)outputs[k][j];
            }
        }

        using var scratch = KernelWorkspace.ForPairs(Dim, Negatives);
        var context = new KernelContext(inputMatrix.Pointer, inputMatrix.Stride, outputMatrix.Pointer, outputMatrix.Stride, Dim, table, scratch);
        float loss = new ScalarKernel().TrainPairs(context, [0], [0, 1, 2, 3], Negatives, alpha);

        Assert.Equal(Loss(input, outputs), loss, 1e-4);
        const double h = 1e-6;
        for (int j = 0; j < Dim; j++)
        {
            double saved = input[j];
            input[j] = saved + h;
            double plus = Loss(input, outputs);
            input[j] = saved - h;
            double minus = Loss(input, outputs);
            input[j] = saved;
            double expected = saved - alpha * (plus - minus) / (2 * h);
            Assert.Equal(expected, inputMatrix.Row(0)[j], 1e-6);
        }

        for (int k = 0; k <= Negatives; k++)
        {
            for (int j = 0; j < Dim; j++)
            {
                double saved = outputs[k][j];
                outputs[k][j] = saved + h;
                double plus = Loss(input, outputs);
                outputs[k][j] = saved - h;
                double minus = Loss(input, outputs);
                outputs[k][j] = saved;
                double expected = saved - alpha * (plus - minus) / (2 * h);
                Assert.Equal(expected, outputMatrix.Row(k)[j], 1e-6);
            }
        }
    }

    [Fact]
    public void NaNInTheInputRow_PoisonsTheReturnedLoss()
    {
        using var table = new SigmoidTable();
        using var inputMatrix = new EmbeddingMatrix(1, Dim);
        using var outputMatrix = new EmbeddingMatrix(2, Dim);
        inputMatrix.Row(0)[3] = float.NaN;
        outputMatrix.Row(0)[3] = 1;
        using var scratch = KernelWorkspace.ForPairs(Dim, 1);
        var context = new KernelContext(inputMatrix.Pointer, inputMatrix.Stride, outputMatrix.Pointer, outputMatrix.Stride, Dim, table, scratch);

        float loss = new ScalarKernel().TrainPairs(context, [0], [0, 1], 1, 0.025f);

        Assert.True(float.IsNaN(loss));
    }
}

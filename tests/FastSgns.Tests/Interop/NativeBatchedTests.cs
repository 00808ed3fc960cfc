using FastSgns.Kernels;
using FastSgns.Tests.Kernels;

namespace FastSgns.Tests.Interop;

/// <summary>fsg_train_batches on every native path against <see cref="ScalarKernel.TrainBatches"/>, and its learning.</summary>
public sealed class NativeBatchedTests
{
    [Theory]
    [MemberData(nameof(NativeKernelParityTests.Paths), MemberType = typeof(NativeKernelParityTests))]
    public void TrainBatches_MatchesScalarKernel_OnEveryNativePath(string path)
    {
        NativeKernel kernel = NativeKernelParityTests.KernelFor(path);
        foreach (int dim in KernelData.Dims)
        {
            foreach (int negatives in KernelData.Negatives)
            {
                BatchedCases.ExactDots(kernel, dim, negatives, dim * 100 + negatives);

                // The scalar path is the managed reference line for line: bit for bit even where dots round.
                BatchedCases.SharedRows(kernel, dim, negatives, 1000 + dim * 100 + negatives, path == "native-scalar" ? 0 : BatchedCases.Tolerance);
            }
        }
    }

    [Fact]
    public void Training_LearnsPlantedAnalogies_InBatchedMode_WithNativeKernel()
    {
        string name = NativeKernelParityTests.AnyKernel().Name;
        double accuracy = BatchedLearningTests.Accuracy(name);
        Assert.True(accuracy >= 0.9, $"planted-analogy accuracy {accuracy:P1} in batched mode, {name}");
    }
}

using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// word2vec.c's rule for hierarchical softmax, in every kernel: an inner node whose dot lies outside (−6, 6) (the
/// sigmoid table's bound; both ends included) is skipped for that input, so neither its row nor the input moves by
/// it, while negative sampling keeps the saturated σ's update. The dots are exact (one input row is a unit vector),
/// and every skipped node's label is the one whose saturated σ would have moved it by a whole alpha.
/// </summary>
public sealed partial class KernelParityTests
{
    private static readonly int[] s_saturationDims = [2, 8, 37, 100];

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainHidden_SkipsSaturatedTreeRows_ButNotSaturatedNegatives(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        foreach (int dim in s_saturationDims)
        {
            var random = new Random(13000 + dim);
            float[] input = new float[dim];
            input[0] = 1;

            // Tree rows' dots 6, −6, 7, −7.5 (skipped; labels on the wrong side) and 2 (trained); the rest of each row is
            // random and meets only zeros in the input, so it moves the input's other elements through the trained row.
            float[] dots = [6, -6, 7, -7.5f, 2];
            float[] labels = [0, 1, 0, 1, 1];
            float[] tree = FloatArrays.Fill(random, dots.Length * dim, r => r.Next(-8, 9) / 8f);
            for (int k = 0; k < dots.Length; k++)
            {
                tree[k * dim] = dots[k];
            }

            // Negative sampling: the positive at dot 1, the negative at dot 7 (saturated, still trained).
            float[] output = FloatArrays.Fill(random, 2 * dim, r => r.Next(-8, 9) / 8f);
            output[0] = 1;
            output[dim] = 7;
            var call = new HiddenCall([0], [0, 1], [0, 1, 2, 3, 4], labels, [0, 5], [0, 1], 1, Mean: true);
            var trained = new HiddenCall([0], [0, 1], [4], [1], [0, 1], [0, 1], 1, Mean: true);
            int scratch = KernelCase.HiddenScratch(dim, 5);
            using var run = new KernelCase(s_plain, dim, 1, input, output, tree, scratch, s_table);
            using var only = new KernelCase(s_plain, dim, 1, input, output, tree, scratch, s_table);
            run.TrainHidden(kernel, call, Alpha);
            only.TrainHidden(kernel, trained, Alpha);
            string where = $"{name}, dim {dim}";
            FloatArrays.AssertClose(tree.AsSpan(0, 4 * dim), run.Tree.AsSpan(0, 4 * dim), 0, $"skipped tree rows, {where}");
            FloatArrays.AssertClose(only.Tree, run.Tree, 0, $"tree, {where}");
            FloatArrays.AssertClose(only.Input, run.Input, 0, $"input, {where}");
            FloatArrays.AssertClose(only.Output, run.Output, 0, $"output, {where}");
            Assert.NotEqual(tree[4 * dim], run.Tree[4 * dim]);
            Assert.True(run.Output[dim] < 7 - Alpha / 2, $"{where}: the saturated negative's row must still move, is {run.Output[dim]:R}");
        }
    }

    /// <summary>
    /// gensim's rule for the negative-sampling rows (<see cref="HiddenBatch.GensimTargets"/>), in every kernel: of M = 4
    /// negatives one is saturated at dot 7, one at −6.5 and one is the positive again; all three are skipped, so the
    /// call does what the call with the positive and the remaining negative alone does, and the skipped rows stay.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainHidden_UnderGensimTargets_SkipsSaturatedNegativesAndOnesEqualToThePositive(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        foreach (int dim in s_saturationDims)
        {
            var random = new Random(15000 + dim);
            float[] input = new float[dim];
            input[0] = 1;
            float[] output = FloatArrays.Fill(random, 4 * dim, r => r.Next(-8, 9) / 8f);
            (output[0], output[dim], output[2 * dim], output[3 * dim]) = (1, 7, -6.5f, 0.5f);
            var call = new HiddenCall([0], [0, 1], [], [], [], [0, 1, 0, 2, 3], 4, Mean: true, GensimTargets: true);
            var trained = new HiddenCall([0], [0, 1], [], [], [], [0, 3], 1, Mean: true);
            using var run = new KernelCase(s_plain, dim, 4, input, output, KernelCase.HiddenScratch(dim, 5), s_table);
            using var only = new KernelCase(s_plain, dim, 4, input, output, KernelCase.HiddenScratch(dim, 5), s_table);
            run.TrainHidden(kernel, call, Alpha);
            only.TrainHidden(kernel, trained, Alpha);
            string where = $"{name}, dim {dim}";
            FloatArrays.AssertClose(output.AsSpan(dim, 2 * dim), run.Output.AsSpan(dim, 2 * dim), 0, $"skipped rows, {where}");
            FloatArrays.AssertClose(only.Output, run.Output, 1e-6, $"output, {where}");
            FloatArrays.AssertClose(only.Input, run.Input, 1e-6, $"input, {where}");
            Assert.NotEqual(1f, run.Output[0]);
            Assert.NotEqual(0.5f, run.Output[3 * dim]);

            // word2vec.c's rule trains the saturated negatives and the repeat: the positive's row moves differently.
            using var word2vec = new KernelCase(s_plain, dim, 4, input, output, KernelCase.HiddenScratch(dim, 5), s_table);
            word2vec.TrainHidden(kernel, call with { GensimTargets = false }, Alpha);
            Assert.True(word2vec.Output[dim] < 7 - Alpha / 2, $"{where}: word2vec.c's rule moves the saturated negative, {word2vec.Output[dim]:R}");
            Assert.NotEqual(run.Output[0], word2vec.Output[0]);
        }
    }

    /// <summary>
    /// Two orthogonal contexts (so one's update does not move the other's dots) against four targets: target 0 and 1
    /// saturated for both contexts (skipped entirely), target 2 for the second context only, target 3 for neither.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_SkipsSaturatedNodes(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        foreach (int dim in s_saturationDims)
        {
            var random = new Random(14000 + dim);
            float[] input = new float[2 * dim];
            input[0] = 1;
            input[dim + 1] = 1;
            float[] output = FloatArrays.Fill(random, 4 * dim, r => r.Next(-8, 9) / 8f);
            (float First, float Second)[] dots = [(6.5f, 7), (-6, -8), (1, 6), (0.5f, -0.5f)];
            for (int k = 0; k < dots.Length; k++)
            {
                (output[k * dim], output[k * dim + 1]) = dots[k];
            }

            var call = new LabeledCall([0, 1], [0, 2], [0, 1, 2, 3], [0, 4], [0, 1, 0, 1]);
            var trained = new LabeledCall([0, 1], [0, 2], [2, 3], [0, 2], [0, 1]);
            using var run = new KernelCase(s_plain, dim, 0, input, output, call.Scratch(), s_table);
            using var only = new KernelCase(s_plain, dim, 0, input, output, call.Scratch(), s_table);
            run.TrainLabeledBatches(kernel, call, Alpha);
            only.TrainLabeledBatches(kernel, trained, Alpha);
            string where = $"{name}, dim {dim}";
            FloatArrays.AssertClose(output.AsSpan(0, 2 * dim), run.Output.AsSpan(0, 2 * dim), 0, $"skipped targets, {where}");
            FloatArrays.AssertClose(only.Output, run.Output, 0, $"targets, {where}");
            FloatArrays.AssertClose(only.Input, run.Input, 0, $"contexts, {where}");

            // Target 2 moved by the first context alone: its second element (the second context's dot) stays 6.
            Assert.Equal(6f, run.Output[2 * dim + 1]);
            Assert.NotEqual(1f, run.Output[2 * dim]);
        }
    }
}

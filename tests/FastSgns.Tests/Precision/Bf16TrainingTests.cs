using FastSgns.Checkpoints;
using FastSgns.Diagnostics;
using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Checkpoints.CheckpointRuns;

namespace FastSgns.Tests.Precision;

/// <summary>
/// <c>Precision Bf16</c> end to end: the option is refused where no kernel stores bf16 rows, one-thread runs are
/// reproducible and resume bit for bit, the precision is part of a checkpoint's identity, a saved model carries the
/// bf16 values exactly, and the matrix and the memory budget count half the output bytes.
/// </summary>
public sealed class Bf16TrainingTests
{
    private static TrainingOptions Bf16(string kernel = "scalar") =>
        Options() with { Mode = TrainingMode.Batched, Precision = TrainingPrecision.Bf16, Kernel = kernel };

    [Theory]
    [InlineData(TrainingMode.Pairs, TrainingModel.SkipGram, false, 5, "scalar")]
    [InlineData(TrainingMode.Pairs, TrainingModel.Cbow, false, 5, "scalar")]
    [InlineData(TrainingMode.Batched, TrainingModel.SkipGram, true, 0, "scalar")]
    [InlineData(TrainingMode.Batched, TrainingModel.SkipGram, false, 5, "native-avx512")]
    public void Validate_RefusesBf16_WhereNoKernelStoresBf16Rows(TrainingMode mode, TrainingModel model, bool hierarchicalSoftmax, int negative, string kernel)
    {
        TrainingOptions options = Options() with
        {
            Mode = mode, Model = model, HierarchicalSoftmax = hierarchicalSoftmax, Negative = negative, Kernel = kernel, Precision = TrainingPrecision.Bf16,
        };

        var error = Assert.Throws<TrainingOptionsException>(options.Validate);

        Assert.Equal(nameof(TrainingOptions.Precision), error.OptionName);
        (options with { Precision = TrainingPrecision.Fp32 }).Validate();
    }

    [Fact]
    public void Cli_RefusesBf16InPairsMode_BeforeTheCorpusIsRead()
    {
        using var temp = new TempDirectory();

        CliRunner.Result result = CliRunner.Run("train", "-i", temp.File("missing.txt"), "-o", temp.File("v.txt"), "--precision", "bf16");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--precision must be Fp32 unless the mode is Batched", result.StdErr);
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("auto")]
    public void OneThread_IsReproducible_AndDiffersFromFp32(string kernel)
    {
        using var temp = new TempDirectory();
        using WordEmbeddings first = Train(temp, Bf16(kernel), null);
        using WordEmbeddings second = Train(temp, Bf16(kernel), null);
        using WordEmbeddings fp32 = Train(temp, Bf16(kernel) with { Precision = TrainingPrecision.Fp32 }, null);

        Assert.True(first.Vectors.Values().SequenceEqual(second.Vectors.Values()), "two one-thread bf16 runs differ");
        Assert.False(first.Vectors.Values().SequenceEqual(fp32.Vectors.Values()), "bf16 storage changed nothing");
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("auto")]
    public void StopThenResume_IsBitIdentical_ToAnUninterruptedRun(string kernel)
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("bf16.checkpoint");
        using WordEmbeddings expected = Train(temp, Bf16(kernel), null);

        Assert.Throws<TrainingInterruptedException>(() => Train(temp, Bf16(kernel), new CheckpointPlan { Path = checkpoint, StopAfterWords = 15_000 }));
        using WordEmbeddings resumed = Train(temp, Bf16(kernel), Resume(checkpoint));

        // The output matrix went through the checkpoint widened and came back narrowed: any loss would show here.
        Assert.True(expected.Vectors.Values().SequenceEqual(resumed.Vectors.Values()), "resumed vectors differ from the uninterrupted run");
    }

    [Theory]
    [InlineData(TrainingPrecision.Bf16, TrainingPrecision.Fp32, "Precision is fp32 now but bf16 in the checkpoint")]
    [InlineData(TrainingPrecision.Fp32, TrainingPrecision.Bf16, "Precision is bf16 now but fp32 in the checkpoint")]
    public void Resume_WithAnotherPrecision_FailsNamingIt(TrainingPrecision saved, TrainingPrecision now, string expected)
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("bf16.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() =>
            Train(temp, Bf16() with { Precision = saved }, new CheckpointPlan { Path = checkpoint, StopAfterWords = 10_000 }));

        var error = Assert.Throws<InvalidDataException>(() => Train(temp, Bf16() with { Precision = now }, Resume(checkpoint)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SavedModel_HoldsTheBf16OutputExactly_AndContinuesInEitherPrecision()
    {
        using var temp = new TempDirectory();
        string path = temp.File("bf16.fsgns");
        var pipeline = new TrainingPipeline(Bf16() with { StopAfterEpochs = 1 }) { WorkDirectory = temp.Path, KeepModel = true };
        using (WordEmbeddings vectors = pipeline.TrainFiles([CorpusFile(temp)]))
        using (FullModel full = pipeline.Model!)
        {
            Assert.True(full.Output.IsBf16);
            full.Save(path, vectors.Vectors);
        }

        (FullModel loaded, WordEmbeddings loadedVectors) = FullModel.Load(path);
        using (loaded)
        using (loadedVectors)
        {
            Assert.False(loaded.Output.IsBf16);
            bool trained = false;
            for (int r = 0; r < loaded.Output.Rows; r++)
            {
                foreach (float v in loaded.Output.Row(r))
                {
                    Assert.Equal(0u, BitConverter.SingleToUInt32Bits(v) & 0xFFFF);
                    trained |= v != 0;
                }
            }

            Assert.True(trained, "the saved output matrix is all zeros");
        }

        foreach (TrainingPrecision precision in new[] { TrainingPrecision.Bf16, TrainingPrecision.Fp32 })
        {
            using WordEmbeddings continued = new TrainingPipeline(Bf16() with { Precision = precision }) { WorkDirectory = temp.Path, InitialModelPath = path }
                .TrainFiles([CorpusFile(temp)]);
            Assert.True(continued.Vectors.AllFinite());
        }
    }

    [Fact]
    public void Bf16Matrix_HoldsHalfTheBytes_AndRoundTripsRowsExactly()
    {
        using var floats = new EmbeddingMatrix(10, 100);
        using EmbeddingMatrix bf16 = EmbeddingMatrix.CreateBf16(10, 100);
        Assert.Equal(floats.ByteSize / 2, bf16.ByteSize);
        Assert.Equal(bf16.ByteSize, EmbeddingMatrix.BytesFor(10, 100, bf16: true));
        Assert.Throws<InvalidOperationException>(() => bf16.Row(0));

        float[] values = [.. Enumerable.Range(0, 100).Select(j => (j - 50) / 7f)];
        bf16.SetRow(3, values);
        float[] widened = bf16.CopyRow(3, new float[100]).ToArray();
        for (int j = 0; j < values.Length; j++)
        {
            // Nearest: within half a bf16 step (2^−8 relative), and widened values come back unchanged.
            Assert.InRange(Math.Abs(widened[j] - values[j]), 0, Math.Abs(values[j]) / 256 + 1e-30);
        }

        bf16.SetRow(4, widened);
        Assert.Equal(widened, bf16.CopyRow(4, new float[100]).ToArray());
        Assert.True(bf16.AllFinite());
    }

    [Fact]
    public void MemoryBudget_CountsHalfAnOutputMatrix()
    {
        long fp32 = MemoryBudget.TrainingBytes(1000, 100, 1);
        long bf16 = MemoryBudget.TrainingBytes(1000, 100, 1, bf16Output: true);

        Assert.Equal(1000L * 112 * sizeof(ushort), fp32 - bf16);
    }
}

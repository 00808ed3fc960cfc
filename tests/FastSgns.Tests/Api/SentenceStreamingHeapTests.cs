using FastSgns.Tests.Reliability;
using FastSgns.Training;

namespace FastSgns.Tests.Api;

/// <summary>
/// The heap measure of sentence training. <see cref="GC.GetTotalMemory(bool)"/> counts every thread's objects, so
/// this runs alone (in the non-parallel console collection): beside other tests it would count their allocations too.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class SentenceStreamingHeapTests
{
    /// <summary>
    /// 400,000 sentences of 10 words (4 M tokens) from a generator: kept as string arrays they would take over 40 MB of
    /// managed heap (104 bytes an array), so a heap that stays within a few MB of where it started while the sequence
    /// is consumed shows it is streamed to disk, not collected.
    /// </summary>
    [Fact]
    public void Sentences_LargeGenerator_IsStreamed_TheManagedHeapStaysSmall()
    {
        using var temp = new TempDirectory();
        string[] vocabulary = [.. Enumerable.Range(0, 5000).Select(i => $"w{i}")];
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;

        IEnumerable<IReadOnlyList<string>> Generate()
        {
            var random = new Random(3);
            for (int s = 0; s < 400_000; s++)
            {
                if (s % 50_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }

                var sentence = new string[10];
                for (int w = 0; w < sentence.Length; w++)
                {
                    sentence[w] = vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * vocabulary.Length)];
                }

                yield return sentence;
            }

            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }

        using SgnsModel model = SgnsModel.Train(Generate(), new TrainingOptions { Dim = 8, Epochs = 1, MinCount = 1, Threads = 2 },
            new TrainingRunSettings { WorkDirectory = temp.Path }, TestContext.Current.CancellationToken);

        Assert.True(model.Count > 1000, $"{model.Count} words");
        Assert.True(peak - baseline < 8 << 20, $"the managed heap grew by {(peak - baseline) / 1e6:F1} MB while the sentences were read");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}

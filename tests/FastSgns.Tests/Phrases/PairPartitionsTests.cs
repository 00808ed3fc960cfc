using System.Text;
using FastSgns.Corpus;
using FastSgns.Phrases;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Phrases;

/// <summary>
/// Bigrams counted by partition from the kept word indices (<see cref="PairPartitions"/>) against one thread counting
/// the text in order: the same words, the same bigrams, the same counts, whatever the threads, the chunking, the id
/// budget (chunks not kept are read again) and the line and file ends.
/// </summary>
public sealed class PairPartitionsTests
{
    [Theory]
    [InlineData(false, 2, 53, 0)]
    [InlineData(false, 3, 200, 1L << 20)]
    [InlineData(false, 4, 31, 900)]
    [InlineData(true, 2, 53, 1L << 20)]
    [InlineData(true, 3, 97, 900)]
    public void PartitionedCounts_EqualOneThreadsCounts(bool sentenceBounded, int threads, long chunkBytes, long idBudget)
    {
        using var temp = new TempDirectory();
        string first = temp.Write("a.txt", PhraseCorpora.Generate(5, 1500));
        string second = temp.Write("b.txt", "no trailing newline here " + PhraseCorpora.Generate(6, 700).TrimEnd('\n'));
        string third = temp.Write("c.txt", "\n\nnew york\n" + PhraseCorpora.Generate(7, 300));
        using CorpusFiles files = CorpusFiles.Open([first, second, third]);

        PhraseCounts serial = PhraseCounter.Count(files, CorpusChunks.Plan(files, 1 << 20), sentenceBounded, threads: 1, maxBytes: 0, CancellationToken.None);
        List<CorpusChunks.Chunk> chunks = CorpusChunks.Plan(files, chunkBytes);
        var streams = new ChunkIdStreams(chunks.Count, idBudget);
        PhraseCounts partitioned = PhraseCounter.Count(files, chunks, sentenceBounded, threads, maxBytes: 0, CancellationToken.None, streams);

        Assert.Equal(threads, partitioned.PairParts.Length);
        Assert.All(partitioned.PairParts, part => Assert.True(part.Count > 0));
        Assert.Equal(serial.Words, partitioned.Words);
        Assert.Equal(Words(serial), Words(partitioned));
        Dictionary<string, long> expected = Bigrams(serial);
        Assert.True(expected.Count > 100);
        Assert.Equal(expected, Bigrams(partitioned));
        if (idBudget > 0 && idBudget < 1 << 20)
        {
            Assert.Contains(Enumerable.Range(0, chunks.Count), chunk => !streams.IsKept(chunk));
        }
    }

    [Fact]
    public void PartOf_SpreadsPairsEvenly_AndStaysInRange()
    {
        var hits = new int[3];
        for (int a = 0; a < 300; a++)
        {
            for (int b = 0; b < 300; b++)
            {
                hits[PairPartitions.PartOf(PairTable.Key(a, b), 3)]++;
            }
        }

        Assert.All(hits, count => Assert.InRange(count, 29_000, 31_000));
        Assert.Equal(0, PairPartitions.PartOf(PairTable.Key(12, 34), 1));
    }

    private static Dictionary<string, long> Words(PhraseCounts counts) =>
        Enumerable.Range(0, counts.Unigrams.Count).ToDictionary(i => Encoding.UTF8.GetString(counts.Unigrams.GetWord(i)), counts.Unigrams.GetCount);

    private static Dictionary<string, long> Bigrams(PhraseCounts counts)
    {
        var bigrams = new Dictionary<string, long>();
        foreach (PairTable part in counts.PairParts)
        {
            for (int slot = 0; slot < part.SlotCount; slot++)
            {
                if (part.IsUsed(slot))
                {
                    ulong key = part.KeyAt(slot);
                    string text = Encoding.UTF8.GetString(counts.Unigrams.GetWord(PairTable.First(key))) + " " +
                        Encoding.UTF8.GetString(counts.Unigrams.GetWord(PairTable.Second(key)));
                    bigrams.Add(text, part.ValueAt(slot));
                    Assert.Equal(part.ValueAt(slot), counts.PairCount(key));
                }
            }
        }

        return bigrams;
    }
}

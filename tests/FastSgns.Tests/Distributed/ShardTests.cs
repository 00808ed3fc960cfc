using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Corpus;
using FastSgns.Distributed;
using FastSgns.Ids;
using FastSgns.Synthetic;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// The per-rank steps of a distributed run, without MPI: shards cover the corpus exactly once, the merged shard
/// counts give the single-process vocabulary, and the shards' ids are the single-process ids, each once.
/// </summary>
public sealed class ShardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Shards_CoverEveryByteOnce_InOrder(int ranks)
    {
        using var temp = new TempDirectory();
        using CorpusFiles files = CorpusFiles.Open(Corpus(temp));
        var covered = new List<ShardPlan.Range>();
        for (int rank = 0; rank < ranks; rank++)
        {
            covered.AddRange(ShardPlan.For(files, rank, ranks, chunkBytes: 3000).Ranges);
        }

        // The whole .gz goes to one rank; the plain files' ranges tile [text start, end) exactly.
        Assert.Single(covered, r => r.IsWholeFile);
        foreach (int file in new[] { 0, 2 })
        {
            var ranges = covered.Where(r => r.File == file).OrderBy(r => r.Start).ToList();
            Assert.Equal(3, ranges[0].Start); // past the byte-order mark
            for (int i = 1; i < ranges.Count; i++)
            {
                Assert.Equal(ranges[i - 1].End, ranges[i].Start);
            }

            Assert.Equal(new FileInfo(files.Paths[file]).Length, ranges[^1].End);
            Assert.True(ranges[^1].EndsFile);
        }
    }

    [Theory]
    [InlineData(1, 2, 0)]
    [InlineData(2, 2, 0)]
    [InlineData(3, 3, 50)]
    [InlineData(4, 1, 0)]
    [InlineData(4, 5, 37)]
    public void MergedShardCounts_GiveTheSingleProcessVocabulary(int ranks, long minCount, int maxVocab)
    {
        using var temp = new TempDirectory();
        using CorpusFiles files = CorpusFiles.Open(Corpus(temp));
        Vocab single = Vocab.Build(VocabularyCounter.Count(files, out long tokens), minCount, maxVocab);

        var merged = new Utf8WordTable();
        long shardTokens = 0;
        for (int rank = 0; rank < ranks; rank++)
        {
            ShardPlan shard = ShardPlan.For(files, rank, ranks, chunkBytes: 3000);
            Utf8WordTable counts = DistributedVocabulary.CountShard(files, shard, threads: 2, out long t, out _);
            shardTokens += t;
            DistributedVocabulary.AddSerialized(merged, DistributedVocabulary.Serialize(counts));
        }

        Vocab distributed = Vocab.Build(merged, minCount, maxVocab);
        Assert.Equal(tokens, shardTokens);
        Assert.Equal(single.Words, distributed.Words);
        Assert.Equal(single.Counts.ToArray(), distributed.Counts.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ShardIds_AreTheSingleProcessIds_EachOnce(int ranks)
    {
        using var temp = new TempDirectory();
        using CorpusFiles files = CorpusFiles.Open(Corpus(temp));
        Vocab vocabulary = Vocab.Build(VocabularyCounter.Count(files, out _), 2, 0);
        int[] single = Ids(output => CorpusEncoder.Encode(files, vocabulary, output));

        var shards = new List<int>();
        for (int rank = 0; rank < ranks; rank++)
        {
            ShardPlan shard = ShardPlan.For(files, rank, ranks, chunkBytes: 3000);
            shards.AddRange(Ids(output => ShardEncoder.Encode(files, shard, vocabulary, output)));
        }

        // Each rank holds a slice of every file, so across ranks the words are the single pass's, each once, in
        // another order (and a rank may cut a sentence where a single pass does not); one rank is the single pass.
        Assert.Equal(single.Where(id => id != EncodedCorpus.SentenceEnd).Order(), shards.Where(id => id != EncodedCorpus.SentenceEnd).Order());
        if (ranks == 1)
        {
            Assert.Equal(single, shards);
        }
    }

    private static int[] Ids(Func<Stream, long> encode)
    {
        using var stream = new MemoryStream();
        encode(stream);
        return MemoryMarshal.Cast<byte, int>(stream.ToArray()).ToArray();
    }

    /// <summary>A plain file with a byte-order mark and awkward tokens, a .gz file, another plain file.</summary>
    internal static string[] Corpus(TempDirectory temp)
    {
        byte[] text = SyntheticCorpus.Generate(600).Text;
        var edges = new StringBuilder();
        for (int i = 0; i < 30; i++)
        {
            edges.Append(new string('x', 150)).Append(' ').Append(new string('é', 60)).Append("\r\nshort\tword ").Append(new string('y', 99)).Append("ü tail\n\n");
        }

        string a = temp.File("a.txt");
        File.WriteAllBytes(a, [0xEF, 0xBB, 0xBF, .. text, .. Encoding.UTF8.GetBytes(edges.ToString())]);
        string b = temp.File("b.txt.gz");
        using (var file = File.Create(b))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(text.AsSpan(0, text.Length / 2));
        }

        string c = temp.File("c.txt");
        File.WriteAllBytes(c, [0xEF, 0xBB, 0xBF, .. text.AsSpan(text.Length / 3)]);
        return [a, b, c];
    }
}

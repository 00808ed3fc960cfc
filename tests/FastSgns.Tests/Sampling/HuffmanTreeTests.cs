using FastSgns.Sampling;

namespace FastSgns.Tests.Sampling;

public sealed class HuffmanTreeTests
{
    public static TheoryData<int, int> Vocabularies => new() { { 2, 1 }, { 3, 2 }, { 10, 3 }, { 1000, 4 }, { 30_000, 5 } };

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Codes_ArePrefixFree_AndOptimal_OnZipfianCounts(int words, int seed)
    {
        long[] counts = ZipfCounts(words, seed);
        var tree = new HuffmanTree(counts);

        AssertPrefixFreeAndConsistent(tree);
        Assert.Equal(ReferenceCost(counts), WeightedLength(tree, counts));
        Assert.Equal(Enumerable.Range(0, words).Max(tree.Length), tree.MaxLength);
    }

    [Fact]
    public void UnsortedCounts_GiveAnOptimalTreeToo()
    {
        long[] counts = [.. ZipfCounts(500, 9).OrderBy(c => c % 7)];
        var tree = new HuffmanTree(counts);

        AssertPrefixFreeAndConsistent(tree);
        Assert.Equal(ReferenceCost(counts), WeightedLength(tree, counts));
    }

    [Fact]
    public void MostFrequentWords_GetTheShortestCodes_AndTheDepthStaysSmall()
    {
        long[] counts = ZipfCounts(100_000, 3);
        var tree = new HuffmanTree(counts);

        for (int w = 1; w < counts.Length; w++)
        {
            Assert.True(tree.Length(w) >= tree.Length(w - 1) || counts[w] == counts[w - 1], $"word {w} has a shorter code than the more frequent word {w - 1}");
        }

        // word2vec.c's fixed arrays hold 40; a Zipfian vocabulary of 100,000 words needs about 20.
        Assert.InRange(tree.MaxLength, 17, 40);
    }

    [Fact]
    public void FibonacciCounts_MakeTheDeepestTree()
    {
        // Fibonacci weights force a chain: code lengths 1, 2, …, V − 1.
        long[] counts = [.. Enumerable.Range(0, 60).Select(Fibonacci).Reverse()];
        var tree = new HuffmanTree(counts);

        AssertPrefixFreeAndConsistent(tree);
        Assert.Equal(59, tree.MaxLength);
        Assert.Equal(ReferenceCost(counts), WeightedLength(tree, counts));
    }

    [Fact]
    public void OneWord_IsRefused() => Assert.Throws<ArgumentException>(() => new HuffmanTree([5]));

    /// <summary>Every path starts at the root, steps through distinct inner nodes, and no code is a prefix of another.</summary>
    private static void AssertPrefixFreeAndConsistent(HuffmanTree tree)
    {
        int root = tree.InnerNodes - 1;
        var codes = new List<string>();
        // Each inner node has one parent: the node after it on any path that passes it must be the same.
        var childOf = new Dictionary<(int Node, byte Bit), int>();
        for (int w = 0; w < tree.Words; w++)
        {
            ReadOnlySpan<int> points = tree.Points(w);
            ReadOnlySpan<byte> bits = tree.Codes(w);
            Assert.True(points.Length >= 1, $"word {w} has an empty code");
            Assert.Equal(root, points[0]);
            for (int d = 0; d < points.Length; d++)
            {
                Assert.InRange(points[d], 0, tree.InnerNodes - 1);
                Assert.InRange(bits[d], (byte)0, (byte)1);
                int next = d + 1 < points.Length ? points[d + 1] : -1 - w;
                if (childOf.TryGetValue((points[d], bits[d]), out int seen))
                {
                    Assert.Equal(seen, next);
                }
                else
                {
                    childOf[(points[d], bits[d])] = next;
                }
            }

            codes.Add(string.Concat(bits.ToArray().Select(b => b == 0 ? '0' : '1')));
        }

        codes.Sort(StringComparer.Ordinal);
        for (int i = 1; i < codes.Count; i++)
        {
            Assert.False(codes[i].StartsWith(codes[i - 1], StringComparison.Ordinal), $"code {codes[i - 1]} is a prefix of {codes[i]}");
        }
    }

    private static long WeightedLength(HuffmanTree tree, long[] counts) => Enumerable.Range(0, counts.Length).Sum(w => counts[w] * (long)tree.Length(w));

    /// <summary>The optimal total weighted code length by the textbook O(V log V) construction: the sum of all merge weights.</summary>
    private static long ReferenceCost(long[] counts)
    {
        var queue = new PriorityQueue<long, long>();
        foreach (long c in counts)
        {
            queue.Enqueue(c, c);
        }

        long cost = 0;
        while (queue.Count > 1)
        {
            long merged = queue.Dequeue() + queue.Dequeue();
            cost += merged;
            queue.Enqueue(merged, merged);
        }

        return cost;
    }

    private static long[] ZipfCounts(int words, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, words).Select(r => Math.Max(1, (long)(1e7 / r) + random.Next(3))).OrderDescending()];
    }

    private static long Fibonacci(int n)
    {
        long a = 1, b = 1;
        for (int i = 0; i < n; i++)
        {
            (a, b) = (b, a + b);
        }

        return a;
    }
}

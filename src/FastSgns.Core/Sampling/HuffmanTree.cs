using FastSgns.Kernels;

namespace FastSgns.Sampling;

/// <summary>
/// Hierarchical softmax's binary tree: the Huffman code of every word over its count, built in O(V) with
/// word2vec.c's two queues when the counts are sorted descending (as the vocabulary sorts them; otherwise the
/// leaves are sorted first, O(V log V)). Word w's path is <see cref="Length"/>(w) inner nodes from the root
/// (<see cref="Points"/>) with the branch bit taken at each (<see cref="Codes"/>), stored flat behind one offset per
/// word: about five bytes per path step instead of word2vec.c's fixed 40 codes and 40 points per word. Inner
/// nodes are numbered 0..V−2 in the order they are made, so the root is V−2 and the rows of the tree matrix are the
/// inner nodes.
/// </summary>
internal sealed class HuffmanTree
{
    private readonly long[] _offsets;
    private readonly int[] _points;
    private readonly byte[] _codes;

    public HuffmanTree(ReadOnlySpan<long> counts)
    {
        int words = counts.Length;
        if (words < 2)
        {
            throw new ArgumentException($"Hierarchical softmax needs a vocabulary of at least 2 words, got {words}.", nameof(counts));
        }

        int[] order = AscendingLeaves(counts);
        int nodes = 2 * words - 1;

        // Nodes 0..words−1 are the leaves in ascending order of count (node i is word order[i]), words..2·words−2 the
        // inner nodes in the order they are made, which is by non-decreasing weight: the second queue.
        var weight = new long[nodes];
        for (int i = 0; i < words; i++)
        {
            weight[i] = counts[order[i]];
        }

        var parent = new int[nodes];
        var bit = new byte[nodes];
        int leaf = 0, inner = words;
        for (int made = words; made < nodes; made++)
        {
            int first = TakeSmallest(weight, ref leaf, words, ref inner, made);
            int second = TakeSmallest(weight, ref leaf, words, ref inner, made);
            weight[made] = weight[first] + weight[second];
            parent[first] = made;
            parent[second] = made;
            bit[second] = 1;
        }

        // Depths top-down: a parent is made after its children, so it has a larger number.
        var depth = new byte[nodes];
        for (int n = nodes - 2; n >= 0; n--)
        {
            int d = depth[parent[n]] + 1;
            depth[n] = d <= byte.MaxValue ? (byte)d : throw new InvalidOperationException($"A Huffman code longer than {byte.MaxValue} bits.");
        }

        _offsets = new long[words + 1];
        for (int i = 0; i < words; i++)
        {
            _offsets[order[i] + 1] = depth[i];
        }

        for (int w = 0; w < words; w++)
        {
            _offsets[w + 1] += _offsets[w];
            MaxLength = Math.Max(MaxLength, (int)(_offsets[w + 1] - _offsets[w]));
        }

        long total = _offsets[words];
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The Huffman codes of {words} words take {total} steps, more than an array holds.");
        }

        _points = new int[total];
        _codes = new byte[total];
        for (int i = 0; i < words; i++)
        {
            // Walk up from the leaf, filling the word's path from its end: the root comes first.
            long at = _offsets[order[i] + 1];
            for (int n = i; n != nodes - 1; n = parent[n])
            {
                at--;
                _codes[at] = bit[n];
                _points[at] = parent[n] - words;
            }
        }
    }

    /// <summary>Words (leaves); the tree has one inner node fewer, the rows of its matrix.</summary>
    public int Words => _offsets.Length - 1;

    public int InnerNodes => Words - 1;

    /// <summary>The longest code: the most tree rows one example trains.</summary>
    public int MaxLength { get; }

    public int Length(int word) => (int)(_offsets[word + 1] - _offsets[word]);

    /// <summary>The inner nodes on the word's path, root first.</summary>
    public ReadOnlySpan<int> Points(int word) => _points.AsSpan((int)_offsets[word], Length(word));

    /// <summary>The branch (0 or 1) taken at each of <see cref="Points"/>; hierarchical softmax's label is 1 − bit.</summary>
    public ReadOnlySpan<byte> Codes(int word) => _codes.AsSpan((int)_offsets[word], Length(word));

    /// <summary>How many center words ahead a path's offset, then its points and codes, are prefetched.</summary>
    private const int OffsetDistance = 8, PathDistance = 4;

    /// <summary>
    /// Starts loading the paths of the center words a few positions after <paramref name="center"/>: the offset
    /// <see cref="OffsetDistance"/> words on, the points and codes <see cref="PathDistance"/> words on (reading the
    /// offset prefetched earlier). The paths of the many rare words are not in the caches, and copying them waited on
    /// memory (perf, wiki10m CBOW with hierarchical softmax: a tenth of the run in the example generator).
    /// </summary>
    public void PrefetchAhead(ReadOnlySpan<int> sentence, int center)
    {
        if (center + OffsetDistance < sentence.Length)
        {
            RowPrefetch.Element(_offsets, sentence[center + OffsetDistance]);
        }

        if (center + PathDistance < sentence.Length)
        {
            long at = _offsets[sentence[center + PathDistance]];
            RowPrefetch.Element(_points, at);
            RowPrefetch.Element(_codes, at);
        }
    }

    private static int[] AscendingLeaves(ReadOnlySpan<long> counts)
    {
        int words = counts.Length;
        var order = new int[words];
        bool descending = true;
        for (int i = 0; i < words; i++)
        {
            order[i] = words - 1 - i;
            descending &= i == 0 || counts[i] <= counts[i - 1];
        }

        if (!descending)
        {
            long[] keys = counts.ToArray();
            order = [.. Enumerable.Range(0, words)];
            Array.Sort(keys, order);
        }

        return order;
    }

    /// <summary>The lighter of the next leaf and the next inner node (the inner node on ties, as word2vec.c), advancing its queue.</summary>
    private static int TakeSmallest(long[] weight, ref int leaf, int words, ref int inner, int made)
    {
        if (leaf < words && (inner >= made || weight[leaf] < weight[inner]))
        {
            return leaf++;
        }

        return inner++;
    }
}

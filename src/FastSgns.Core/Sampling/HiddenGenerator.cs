using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// Turns a subsampled sentence into the examples of the hidden-vector kernel, in word2vec.c's order: per center
/// word one random window shrink, then for CBOW one example whose inputs are the context words of the shrunk window
/// (none: no example, as word2vec.c's <c>if (cw)</c>), for skip-gram one example per context word with that word
/// as its one input. Each example carries the center word's Huffman path with labels 1 − code (hierarchical
/// softmax) and the center word followed by M negatives (negative sampling), either or both. Long sentences are
/// cut into chunks at center-word boundaries so that the buffers stay small whatever the window; the kernel trains
/// chunks in order, which is the same as training the sentence at once.
/// </summary>
internal sealed class HiddenGenerator
{
    private const int MaxRedraws = 8;
    private const int MinCapacity = 8192;

    private readonly NegativeSampler _sampler;
    private readonly HuffmanTree? _tree;
    private readonly int _window;
    private readonly int _negatives;
    private readonly bool _cbow;
    private readonly int _capacity;

    /// <param name="gensimTargets">
    /// The examples are for a kernel that applies <see cref="Kernels.HiddenBatch.GensimTargets"/> (<see cref="GensimTargets"/>):
    /// a negative equal to the center word is then kept, for that rule skips it, as gensim and word2vec.c do. Otherwise
    /// it is redrawn (up to 8 times), so every example trains M negatives, as the skip-gram generators do.
    /// </param>
    public HiddenGenerator(NegativeSampler sampler, HuffmanTree? tree, int window, int negatives, bool cbow, bool gensimTargets = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negatives);
        if (tree is null && negatives == 0)
        {
            throw new ArgumentException("Examples need hierarchical softmax, negatives or both.", nameof(negatives));
        }

        (_sampler, _tree, _window, _negatives, _cbow, GensimTargets) = (sampler, tree, window, negatives, cbow, gensimTargets);
        _capacity = Math.Max(2 * window, MinCapacity);
        Inputs = new int[_capacity];
        InputOffsets = new int[_capacity + 1];
        int maxLength = tree?.MaxLength ?? 0;
        Nodes = new int[(long)_capacity * maxLength];
        NodeLabels = new float[Nodes.Length];
        NodeOffsets = new int[tree is null ? 0 : _capacity + 1];
        Targets = new int[negatives == 0 ? 0 : _capacity * (negatives + 1)];
    }

    public int[] Inputs { get; }
    public int[] InputOffsets { get; }
    public int[] Nodes { get; }
    public float[] NodeLabels { get; }

    /// <summary>Empty without hierarchical softmax.</summary>
    public int[] NodeOffsets { get; }

    /// <summary>Empty without negative sampling.</summary>
    public int[] Targets { get; }

    public int Negatives => _negatives;

    /// <summary>Whether the kernel must apply <see cref="Kernels.HiddenBatch.GensimTargets"/> to these examples: their negatives may equal the center.</summary>
    public bool GensimTargets { get; }

    /// <summary>The most rows one part of an example has: M+1 or the longest code.</summary>
    public int Rows => Math.Max(_negatives == 0 ? 0 : _negatives + 1, _tree?.MaxLength ?? 0);

    /// <summary>
    /// Fills the buffers with the examples of the center words from <paramref name="center"/> on, as many as fit,
    /// and moves <paramref name="center"/> past them; returns the number of examples (possibly 0).
    /// </summary>
    public int Generate(ReadOnlySpan<int> sentence, ref int center, ref Lcg random)
    {
        int examples = 0, inputs = 0, nodes = 0;
        for (; center < sentence.Length && inputs + 2 * _window <= _capacity; center++)
        {
            int word = sentence[center];
            _tree?.PrefetchAhead(sentence, center);
            int shrink = random.NextBelow(_window);
            int from = Math.Max(0, center - _window + shrink);
            int to = Math.Min(sentence.Length - 1, center + _window - shrink);
            for (int context = from; context <= to; context++)
            {
                if (context == center)
                {
                    continue;
                }

                Inputs[inputs++] = sentence[context];
                if (!_cbow)
                {
                    Close(word, ref examples, inputs, ref nodes, ref random);
                }
            }

            if (_cbow && inputs > InputOffsets[examples])
            {
                Close(word, ref examples, inputs, ref nodes, ref random);
            }
        }

        return examples;
    }

    /// <summary>Ends example <paramref name="examples"/> at <paramref name="inputs"/> inputs, with the center word's path and negatives.</summary>
    private void Close(int word, ref int examples, int inputs, ref int nodes, ref Lcg random)
    {
        InputOffsets[examples + 1] = inputs;
        if (_tree is not null)
        {
            // One element loop for both: for a path of a dozen nodes, Span.CopyTo's call into Memmove cost more than
            // the copy (perf, wiki10m CBOW: 6 % of the run).
            ReadOnlySpan<int> points = _tree.Points(word);
            ReadOnlySpan<byte> codes = _tree.Codes(word);
            int[] nodeIds = Nodes;
            float[] labels = NodeLabels;
            for (int d = 0; d < points.Length; d++)
            {
                nodeIds[nodes + d] = points[d];
                labels[nodes + d] = 1 - codes[d];
            }

            nodes += points.Length;
            NodeOffsets[examples + 1] = nodes;
        }

        if (_negatives > 0)
        {
            int row = examples * (_negatives + 1);
            Targets[row] = word;
            for (int d = 1; d <= _negatives; d++)
            {
                // As PairGenerator: a negative equal to the center word is redrawn, so every example keeps M negatives
                // (unless the kernel is to skip it: GensimTargets).
                int negative = _sampler.Sample(ref random);
                for (int r = 0; negative == word && !GensimTargets && r < MaxRedraws; r++)
                {
                    negative = _sampler.Sample(ref random);
                }

                Targets[row + d] = negative;
            }
        }

        examples++;
    }
}

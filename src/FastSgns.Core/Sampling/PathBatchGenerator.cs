using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// Turns one subsampled sentence into the batches of skip-gram's hierarchical softmax in batched mode: per center
/// word, word2vec.c's random window shrink gives the B context words, and all of them predict the center word's
/// Huffman path (word2vec.c: l1 is the context row, the path is the center word's points and codes), so the path's
/// inner-node rows are the batch's targets, with labels 1 − code. Layout as
/// <see cref="Kernels.LabeledBatches"/> takes it: batch b owns <c>Contexts[Offsets[b] .. Offsets[b+1])</c> and
/// <c>Targets[TargetOffsets[b] .. TargetOffsets[b+1])</c>, with <see cref="Labels"/> beside the targets. The random
/// stream is word2vec.c's order too: one shrink draw per center word, as <see cref="HiddenGenerator"/> makes.
/// </summary>
internal sealed class PathBatchGenerator
{
    private readonly HuffmanTree _tree;
    private readonly int _window;

    public int[] Contexts { get; }
    public int[] Offsets { get; }
    public int[] Targets { get; }
    public int[] TargetOffsets { get; }
    public float[] Labels { get; }

    /// <summary>The largest batch this generator makes: 2·window contexts.</summary>
    public int MaxBatch => 2 * _window;

    /// <summary>The most targets of one batch: the longest code.</summary>
    public int MaxTargets => _tree.MaxLength;

    public PathBatchGenerator(HuffmanTree tree, int window)
    {
        _tree = tree;
        _window = window;
        Contexts = new int[Sentence.MaxLength * 2 * window];
        Offsets = new int[Sentence.MaxLength + 1];
        Targets = new int[Sentence.MaxLength * tree.MaxLength];
        TargetOffsets = new int[Sentence.MaxLength + 1];
        Labels = new float[Targets.Length];
    }

    /// <summary>Fills the buffers; returns the number of batches (center words with at least one context).</summary>
    public int Generate(ReadOnlySpan<int> sentence, ref Lcg random)
    {
        int batches = 0, contexts = 0, targets = 0;
        Offsets[0] = 0;
        TargetOffsets[0] = 0;
        for (int center = 0; center < sentence.Length; center++)
        {
            int word = sentence[center];
            _tree.PrefetchAhead(sentence, center);
            int shrink = random.NextBelow(_window);
            int from = Math.Max(0, center - _window + shrink);
            int to = Math.Min(sentence.Length - 1, center + _window - shrink);
            if (from == to)
            {
                continue;
            }

            // Element loops, not Span.CopyTo: for a handful of ids the call into Memmove cost more than the copy
            // (perf, wiki10m: 4 % of the run). The center is skipped by two loops around it, not a test per position.
            for (int p = from; p < center; p++)
            {
                Contexts[contexts++] = sentence[p];
            }

            for (int p = center + 1; p <= to; p++)
            {
                Contexts[contexts++] = sentence[p];
            }

            ReadOnlySpan<int> points = _tree.Points(word);
            ReadOnlySpan<byte> codes = _tree.Codes(word);
            for (int d = 0; d < points.Length; d++)
            {
                Targets[targets + d] = points[d];
                Labels[targets + d] = 1 - codes[d];
            }

            targets += points.Length;
            batches++;
            Offsets[batches] = contexts;
            TargetOffsets[batches] = targets;
        }

        return batches;
    }
}

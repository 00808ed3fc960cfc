using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// Turns one subsampled sentence into the shared-negative batches of <see cref="Training.TrainingMode.Batched"/>: per center
/// word, word2vec.c's random window shrink gives the B context words (B ≤ 2·window), and M negatives are drawn once
/// for all of them. Layout as <see cref="Kernels.IBatchedSgnsKernel"/> takes it: <see cref="Contexts"/> flattened,
/// batch b owning <c>Contexts[Offsets[b] .. Offsets[b+1]−1]</c> and <c>Targets[b·(M+1) ..]</c>, center word first.
/// </summary>
internal sealed class BatchGenerator
{
    private const int MaxRedraws = 8;

    private readonly NegativeSampler _sampler;
    private readonly int _window;
    private readonly int _negatives;
    private readonly int _sharedWindows;

    public int[] Contexts { get; }
    public int[] Offsets { get; }
    public int[] Targets { get; }

    /// <summary>The largest batch this generator makes: 2·window contexts.</summary>
    public int MaxBatch => 2 * _window;

    /// <param name="sharedWindows">
    /// Consecutive center words (of one sentence) that reuse one draw of negatives; 1, the default, draws per window.
    /// A reused negative equal to the current center word is redrawn.
    /// </param>
    public BatchGenerator(NegativeSampler sampler, int window, int negatives, int sharedWindows = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sharedWindows, 1);
        _sampler = sampler;
        _window = window;
        _negatives = negatives;
        _sharedWindows = sharedWindows;
        Contexts = new int[Sentence.MaxLength * 2 * window];
        Offsets = new int[Sentence.MaxLength + 1];
        Targets = new int[Sentence.MaxLength * (negatives + 1)];
    }

    /// <summary>Fills the buffers; returns the number of batches (center words with at least one context).</summary>
    public int Generate(ReadOnlySpan<int> sentence, ref Lcg random)
    {
        int rows = _negatives + 1;
        int batches = 0;
        int contexts = 0;
        Offsets[0] = 0;
        for (int center = 0; center < sentence.Length; center++)
        {
            int word = sentence[center];
            int shrink = random.NextBelow(_window);
            int from = Math.Max(0, center - _window + shrink);
            int to = Math.Min(sentence.Length - 1, center + _window - shrink);
            if (from == to)
            {
                continue;
            }

            // Two block copies around the center, not a loop testing every position: the window's random width
            // would make that loop's branches mispredict.
            sentence[from..center].CopyTo(Contexts.AsSpan(contexts));
            contexts += center - from;
            sentence[(center + 1)..(to + 1)].CopyTo(Contexts.AsSpan(contexts));
            contexts += to - center;

            int row = batches * rows;
            bool reuse = batches % _sharedWindows != 0;
            Targets[row] = word;
            for (int d = 1; d < rows; d++)
            {
                // As in PairGenerator: a negative equal to the center word is redrawn.
                int negative = reuse ? Targets[row - rows + d] : _sampler.Sample(ref random);
                for (int r = 0; negative == word && r < MaxRedraws; r++)
                {
                    negative = _sampler.Sample(ref random);
                }

                Targets[row + d] = negative;
            }

            Offsets[++batches] = contexts;
        }

        return batches;
    }
}

using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// Turns one subsampled sentence into the (input, positive + negatives) rows a kernel consumes, drawing word2vec.c's
/// random window shrink per center word and M negatives per pair. As in word2vec.c's skip-gram, the context word's
/// input vector predicts the center word.
/// </summary>
internal sealed class PairGenerator
{
    private const int MaxRedraws = 8;

    private readonly NegativeSampler _sampler;
    private readonly int _window;
    private readonly int _negatives;

    public int[] Inputs { get; }
    public int[] Targets { get; }

    public PairGenerator(NegativeSampler sampler, int window, int negatives)
    {
        _sampler = sampler;
        _window = window;
        _negatives = negatives;
        int maxPairs = Sentence.MaxLength * 2 * window;
        Inputs = new int[maxPairs];
        Targets = new int[maxPairs * (negatives + 1)];
    }

    /// <summary>Fills <see cref="Inputs"/> and <see cref="Targets"/>; returns the number of pairs.</summary>
    public int Generate(ReadOnlySpan<int> sentence, ref Lcg random)
    {
        int rows = _negatives + 1;
        int pairs = 0;
        for (int center = 0; center < sentence.Length; center++)
        {
            int word = sentence[center];
            int shrink = random.NextBelow(_window);
            int from = Math.Max(0, center - _window + shrink);
            int to = Math.Min(sentence.Length - 1, center + _window - shrink);
            for (int context = from; context <= to; context++)
            {
                if (context == center)
                {
                    continue;
                }

                Inputs[pairs] = sentence[context];
                int row = pairs * rows;
                Targets[row] = word;
                for (int d = 1; d < rows; d++)
                {
                    // word2vec.c skips a negative equal to the positive; redrawing keeps M negatives per pair.
                    int negative = _sampler.Sample(ref random);
                    for (int r = 0; negative == word && r < MaxRedraws; r++)
                    {
                        negative = _sampler.Sample(ref random);
                    }

                    Targets[row + d] = negative;
                }

                pairs++;
            }
        }

        return pairs;
    }
}

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

    /// <summary>
    /// How many center words ahead the negatives' alias buckets are requested, when the sampler's table outgrows L2:
    /// the draws of one center word are only a few dozen instructions, far less than a bucket's trip from DRAM.
    /// </summary>
    internal const int DrawAhead = 3;

    private readonly NegativeSampler _sampler;
    private readonly int _window;
    private readonly int _negatives;
    private readonly int _sharedWindows;

    // The coming draws are known from the generator's state: a center word takes one draw for its window and two per
    // negative (index, coin), redraws aside. The jump moves a state DrawAhead center words on in one multiply-add.
    private readonly bool _prefetchDraws;
    private readonly ulong _jumpMultiplier = 1;
    private readonly ulong _jumpIncrement;

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
        // Room for two sentences: the one being trained and the next one, drawn ahead (Generate's first batch).
        Contexts = new int[2 * Sentence.MaxLength * 2 * window];
        Offsets = new int[2 * Sentence.MaxLength + 1];
        Targets = new int[2 * Sentence.MaxLength * (negatives + 1)];
        // Shared draws skip the sampler for most windows, so the guesses would be wrong: prefetch only per-window draws.
        _prefetchDraws = sampler.PrefetchPays && sharedWindows == 1 && negatives > 0;
        for (int step = 0; step < DrawAhead * (1 + 2 * negatives); step++)
        {
            (_jumpMultiplier, _jumpIncrement) = (unchecked(Lcg.Step(_jumpMultiplier) - Lcg.Step(0)), Lcg.Step(_jumpIncrement));
        }
    }

    /// <summary>
    /// Fills the buffers from batch <paramref name="first"/> on (after the batches of a sentence drawn earlier and not
    /// yet trained; at most one sentence's worth); returns the number of batches now held, those of
    /// <paramref name="sentence"/> being its center words with at least one context.
    /// </summary>
    public int Generate(ReadOnlySpan<int> sentence, ref Lcg random, int first = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, Sentence.MaxLength);
        int rows = _negatives + 1;
        int batches = first;
        if (first == 0)
        {
            Offsets[0] = 0;
        }

        int contexts = Offsets[first];
        if (_prefetchDraws)
        {
            // The first center words' buckets; the loop asks for each later one DrawAhead words early.
            ulong state = random.State;
            for (int center = 0; center < Math.Min(DrawAhead, sentence.Length); center++)
            {
                state = PrefetchCenter(state);
            }
        }

        for (int center = 0; center < sentence.Length; center++)
        {
            if (_prefetchDraws && center + DrawAhead < sentence.Length)
            {
                // From the state as it is, not a running guess: a redraw only spoils the guesses of this word's draws.
                PrefetchCenter(StateAhead(random.State));
            }

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

    /// <summary>Moves batches [<paramref name="trained"/>, <paramref name="held"/>) to the front once the first ones are trained.</summary>
    public void DropFirst(int trained, int held)
    {
        int rows = _negatives + 1;
        int from = Offsets[trained];
        Array.Copy(Contexts, from, Contexts, 0, Offsets[held] - from);
        Array.Copy(Targets, trained * rows, Targets, 0, (held - trained) * rows);
        for (int b = 0; b <= held - trained; b++)
        {
            Offsets[b] = Offsets[trained + b] - from;
        }
    }

    /// <summary>The state <see cref="DrawAhead"/> center words after <paramref name="state"/>, if none of them redraws.</summary>
    internal ulong StateAhead(ulong state) => unchecked(_jumpMultiplier * state + _jumpIncrement);

    /// <summary>Requests the buckets of the negatives a center word drawing from <paramref name="state"/> would get; returns the state after them.</summary>
    private ulong PrefetchCenter(ulong state)
    {
        state = Lcg.Step(state);
        for (int d = 0; d < _negatives; d++)
        {
            state = _sampler.PrefetchDraw(state);
        }

        return state;
    }
}

using FastSgns.Ids;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// Reads a worker's slice of the encoded corpus sentence by sentence through a bounded read-ahead window, and hands
/// the mapped pages it has passed back to the system as it goes, so the resident set does not grow with the corpus.
/// </summary>
internal ref struct SliceReader
{
    private const int ReadAhead = 1 << 16;

    /// <summary>
    /// Ids passed before their pages are handed back (4 MB). Each release is a madvise whose TLB flush interrupts the
    /// CPUs running the other workers (the flush of a 64 Ki-id release took 1-2 % of a two-thread run's samples on
    /// wiki10m), so releases come 16 windows apart: the resident set still does not grow with the corpus.
    /// </summary>
    private const int ReleaseStep = 1 << 20;

    /// <summary>How many ids ahead the subsampler's entries are requested when its table outgrows L2 (<see cref="Subsampler.PrefetchPays"/>).</summary>
    private const int SubsamplerAhead = 16;

    private readonly EncodedCorpus _corpus;
    private readonly long _end;
    private long _position;
    private long _windowStart;
    private long _released;
    private ReadOnlySpan<int> _window;

    public SliceReader(EncodedCorpus corpus, long from, long end)
    {
        _corpus = corpus;
        _end = end;
        _position = from;
        _windowStart = from;
        _released = from;
    }

    /// <summary>The next id to read: a sentence start between calls.</summary>
    public readonly long Position => _position;

    public readonly bool AtEnd => _position >= _end;

    /// <summary>
    /// Reads up to the next sentence end (or until <paramref name="sentence"/> is full) and keeps the words the
    /// subsampler keeps; returns how many were kept, and in <paramref name="read"/> how many words were read.
    /// </summary>
    public int ReadSentence(Span<int> sentence, Subsampler subsampler, ref Lcg random, out int read)
    {
        // Locals, not fields, in the loop: the JIT keeps them in registers.
        long position = _position;
        long windowStart = _windowStart;
        ReadOnlySpan<int> window = _window;
        int kept = 0;
        int words = 0;
        bool prefetch = subsampler.PrefetchPays;
        while (position < _end && kept < sentence.Length)
        {
            if (position - windowStart >= window.Length)
            {
                if (position - _released >= ReleaseStep)
                {
                    _released = _corpus.Release(_released, position);
                }

                windowStart = position;
                window = _corpus.Window(position, (int)Math.Min(ReadAhead, _end - position));
            }

            int index = (int)(position - windowStart);
            int word = window[index];
            if (prefetch && index + SubsamplerAhead < window.Length)
            {
                subsampler.Prefetch(window[index + SubsamplerAhead]);
            }

            position++;
            if (word == EncodedCorpus.SentenceEnd)
            {
                break;
            }

            // Written always, counted when kept: a kept-or-dropped branch would mispredict on a fair share of words.
            words++;
            sentence[kept] = word;
            kept += subsampler.Keep(word, ref random) ? 1 : 0;
        }

        _position = position;
        _windowStart = windowStart;
        _window = window;
        read = words;
        return kept;
    }

    /// <summary>At the end of the slice: the pages not yet handed back.</summary>
    public readonly void ReleaseRest() => _corpus.Release(_released, _end);
}

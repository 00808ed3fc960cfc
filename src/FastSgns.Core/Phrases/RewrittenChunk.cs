using System.Runtime.Intrinsics;

namespace FastSgns.Phrases;

/// <summary>
/// One chunk's rewritten text and what its edges need from the chunk before. A chunk is rewritten as if its first
/// token were not joined to anything; when the ordered writer finds it is (the previous chunk's last word and this
/// first one form a phrase), the decisions of the leading run of joinable bigrams all flip — after a join the next
/// word may not join (no overlapping phrases), so along such a run joins alternate — and the run's separators, kept
/// in <see cref="RunSeparators"/>, are flipped in place.
/// </summary>
internal sealed class RewrittenChunk
{
    /// <summary>Reused from chunk to chunk: it grows to the largest chunk's text, then stays.</summary>
    public byte[] Bytes = new byte[1 << 16];
    public int Length;

    /// <summary>Offsets of the separators between the leading run's tokens (before tokens 1..r).</summary>
    public int[] RunSeparators = new int[8];
    public int RunCount;

    /// <summary>The leading run has not been broken yet (by a line end or a bigram that cannot join).</summary>
    public bool InLeadingRun;

    public bool HasTokens;
    public bool SawSentenceEnd;
    public bool SentenceEndBeforeFirst;
    public bool LineOpen;

    /// <summary>Phrase-word index of the first token, −1 when it takes part in no phrase.</summary>
    public int FirstId;

    /// <summary>Phrase-word index of the last token while its line is open, −1 otherwise.</summary>
    public int Previous;

    /// <summary>The last token was not joined to the one before it, so it may start a phrase.</summary>
    public bool PreviousFree;

    /// <summary>Line ends met while no line was open, written before the next token (streamed .gz files only).</summary>
    public int PendingNewlines;

    /// <summary>Where a streamed .gz file's text goes when the buffer fills (null: keep it all for the writer).</summary>
    public Stream? Spill;

    public long Tokens;
    public long Joined;

    public void Reset(Stream? spill)
    {
        Length = 0;
        RunCount = 0;
        InLeadingRun = spill is null;
        HasTokens = false;
        SawSentenceEnd = false;
        SentenceEndBeforeFirst = false;
        LineOpen = false;
        FirstId = -1;
        Previous = -1;
        PreviousFree = true;
        PendingNewlines = 0;
        Spill = spill;
        Tokens = 0;
        Joined = 0;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > Bytes.Length)
        {
            Grow(Length + bytes.Length);
        }

        bytes.CopyTo(Bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>
    /// Appends <paramref name="source"/>'s first <paramref name="length"/> bytes; a token of at most 32 bytes with 32
    /// readable (a replayed one) is copied as one vector, its tail overwritten by what follows.
    /// </summary>
    public void Append(ReadOnlySpan<byte> source, int length)
    {
        if (Length + Math.Max(length, Vector256<byte>.Count) > Bytes.Length)
        {
            Grow(Length + Math.Max(length, Vector256<byte>.Count));
        }

        if (length <= Vector256<byte>.Count && source.Length >= Vector256<byte>.Count)
        {
            Vector256.Create(source).CopyTo(Bytes.AsSpan(Length));
        }
        else
        {
            source[..length].CopyTo(Bytes.AsSpan(Length));
        }

        Length += length;
    }

    public void Append(byte value)
    {
        if (Length == Bytes.Length)
        {
            Grow(Length + 1);
        }

        Bytes[Length++] = value;
    }

    public void AddRunSeparator(int offset)
    {
        if (RunCount == RunSeparators.Length)
        {
            Array.Resize(ref RunSeparators, RunCount * 2);
        }

        RunSeparators[RunCount++] = offset;
    }

    /// <summary>Writes out what a streamed file's buffer holds once it is large (its edges need no fixing).</summary>
    public void SpillIfFull()
    {
        if (Spill is not null && Length >= 1 << 20)
        {
            Spill.Write(Bytes, 0, Length);
            Length = 0;
        }
    }

    private void Grow(int needed) => Array.Resize(ref Bytes, Math.Max(needed, Bytes.Length * 2));
}

using FastSgns.Corpus;

namespace FastSgns.Phrases;

/// <summary>
/// Rewrites one chunk's tokens: words separated by one space, the two words of a joining bigram by the delimiter,
/// each line ended by a newline. Joins are decided left to right, word2phrase's way: a word joins the one before it
/// when that one is not itself joined to its predecessor, the two are on one line, and the pair is in the
/// <see cref="PhraseTable"/>.
/// </summary>
internal readonly struct RewriteSink(PhraseTable table, RewrittenChunk chunk, byte delimiter) : ITokenSink, IIdTokenSink
{
    public void OnToken(ReadOnlySpan<byte> token) => Emit(token, token.Length, table.Words.IndexOf(token));

    /// <summary>A replayed token, its index among the phrase words (<paramref name="id"/>) known already.</summary>
    public void OnToken(ReadOnlySpan<byte> padded, int length, int id) => Emit(padded, length, id);

    /// <summary>The token is <paramref name="source"/>'s first <paramref name="length"/> bytes.</summary>
    private void Emit(ReadOnlySpan<byte> source, int length, int id)
    {
        RewrittenChunk c = chunk;
        c.Tokens++;
        if (!c.LineOpen)
        {
            if (!c.HasTokens)
            {
                c.HasTokens = true;
                c.FirstId = id;
                c.SentenceEndBeforeFirst = c.SawSentenceEnd;
            }

            for (; c.PendingNewlines > 0; c.PendingNewlines--)
            {
                c.Append((byte)'\n');
            }

            c.PreviousFree = true;
        }
        else
        {
            bool joinable = c.Previous >= 0 && id >= 0 && table.Joins.Get(PairTable.Key(c.Previous, id)) != 0;
            bool join = joinable && c.PreviousFree;
            if (c.InLeadingRun)
            {
                if (joinable)
                {
                    c.AddRunSeparator(c.Length);
                }
                else
                {
                    c.InLeadingRun = false;
                }
            }

            c.Append(join ? delimiter : (byte)' ');
            c.PreviousFree = !join;
            c.Joined += join ? 1 : 0;
        }

        c.Append(source, length);
        c.Previous = id;
        c.LineOpen = true;
        c.SpillIfFull();
    }

    public void OnSentenceEnd()
    {
        RewrittenChunk c = chunk;
        c.SawSentenceEnd = true;
        c.InLeadingRun = false;
        if (c.LineOpen || c.Spill is null)
        {
            c.Append((byte)'\n');
        }
        else
        {
            // A streamed file ends with a line end of the tokenizer's own after its last newline: held back so
            // that one can be dropped (FinishStreamed), every other one is written before the next token.
            c.PendingNewlines++;
        }

        c.LineOpen = false;
        c.Previous = -1;
    }

    /// <summary>After a streamed file: drops the tokenizer's closing line end and writes out the rest.</summary>
    public void FinishStreamed()
    {
        RewrittenChunk c = chunk;
        for (c.PendingNewlines = Math.Max(0, c.PendingNewlines - 1); c.PendingNewlines > 0; c.PendingNewlines--)
        {
            c.Append((byte)'\n');
        }

        c.Spill!.Write(c.Bytes, 0, c.Length);
        c.Length = 0;
    }
}

using System.Diagnostics;
using FastSgns.Corpus;
using FastSgns.Interop;
using FastSgns.Threading;

namespace FastSgns.Phrases;

/// <summary>
/// Writes the corpus with its phrases joined. Plain files go through an <see cref="OrderedPipeline{TSlot}"/>: workers
/// rewrite chunks into reusable buffers, and this thread writes them in chunk order, settling each chunk edge (the
/// separator there, and the leading run of joins it may flip, see <see cref="RewrittenChunk"/>), so the output is
/// byte for byte the one-thread output. A .gz file is rewritten here, streaming, in its turn. Every file ends its
/// last line; lines (empty ones too) are kept, words are separated by single spaces. A chunk whose word indices
/// counting kept (<see cref="ChunkIdStreams"/>) is replayed from them instead of read and tokenized again.
/// </summary>
internal sealed class PhraseRewriter
{
    private readonly CorpusFiles _files;
    private readonly PhraseTable _table;
    private readonly byte _delimiter;
    private readonly Stream _output;
    private readonly ChunkIdStreams? _streams;
    private readonly FileStream? _writeBack;
    private long _writtenBack;
    private bool _lineOpen;
    private int _previous = -1;
    private bool _previousFree = true;

    private PhraseRewriter(CorpusFiles files, PhraseTable table, byte delimiter, Stream output, ChunkIdStreams? streams, bool writeBack)
    {
        _streams = streams;
        _writeBack = writeBack ? output as FileStream : null;
        _files = files;
        _table = table;
        _delimiter = delimiter;
        _output = output;
    }

    public long Tokens { get; private set; }

    public long Joined { get; private set; }

    /// <summary>Chunks replayed from their word indices rather than read again.</summary>
    public int Replayed => _replayed;

    private int _replayed;

    /// <summary>
    /// Rewrites every chunk, in order, into <paramref name="output"/>; returns the rewriter for its figures. With
    /// <paramref name="writeBack"/> and a file as the output, each chunk's bytes start on their way to disk once
    /// written (<see cref="FileWriteback"/>), for an output that is flushed to disk at the end.
    /// </summary>
    public static PhraseRewriter Run(CorpusFiles files, IReadOnlyList<CorpusChunks.Chunk> chunks, PhraseTable table, byte delimiter,
        Stream output, int threads, CancellationToken cancellation, ChunkIdStreams? streams = null, bool writeBack = false)
    {
        var rewriter = new PhraseRewriter(files, table, delimiter, output, streams, writeBack);
        int start = 0;
        while (start < chunks.Count)
        {
            cancellation.ThrowIfCancellationRequested();
            if (chunks[start].Streamed)
            {
                rewriter.RewriteStreamed(chunks[start]);
                start++;
                continue;
            }

            int end = start;
            while (end < chunks.Count && !chunks[end].Streamed)
            {
                end++;
            }

            int first = start;
            OrderedPipeline<RewrittenChunk>.Run(end - start, threads,
                () => new RewrittenChunk(),
                (index, slot, _) => rewriter.Rewrite(first + (int)index, chunks[first + (int)index], slot),
                (index, slot) => rewriter.Write(chunks[first + (int)index], slot),
                cancellation);
            start = end;
        }

        return rewriter;
    }

    private void Rewrite(int index, CorpusChunks.Chunk chunk, RewrittenChunk slot)
    {
        slot.Reset(spill: null);
        var sink = new RewriteSink(_table, slot, _delimiter);
        if (_streams is not null && _streams.Has(index))
        {
            _streams.Replay(index, ref sink);
            Interlocked.Increment(ref _replayed);
        }
        else if (chunk.End > chunk.Start)
        {
            _files.Tokenize(chunk.File, chunk.Start, chunk.End, ref sink);
        }
    }

    /// <summary>Writes a chunk after settling its edge with what was written before it.</summary>
    private void Write(CorpusChunks.Chunk chunk, RewrittenChunk c)
    {
        bool lastFree = c.PreviousFree;
        if (c.HasTokens && !c.SentenceEndBeforeFirst && _lineOpen)
        {
            bool join = _previous >= 0 && c.FirstId >= 0 && _previousFree && _table.Joins.Get(PairTable.Key(_previous, c.FirstId)) != 0;
            _output.WriteByte(join ? _delimiter : (byte)' ');
            if (join)
            {
                Joined++;
                for (int i = 0; i < c.RunCount; i++)
                {
                    ref byte separator = ref c.Bytes[c.RunSeparators[i]];
                    bool wasJoin = separator == _delimiter;
                    separator = wasJoin ? (byte)' ' : _delimiter;
                    Joined += wasJoin ? -1 : 1;
                }

                // A run reaching the chunk's end flips its last word's state too.
                lastFree = c.InLeadingRun ? !lastFree : lastFree;
            }
        }

        _output.Write(c.Bytes, 0, c.Length);
        StartWriteback();
        Tokens += c.Tokens;
        Joined += c.Joined;
        if (c.HasTokens)
        {
            (_lineOpen, _previous, _previousFree) = c.LineOpen ? (true, c.Previous, lastFree) : (false, -1, true);
        }
        else if (c.SawSentenceEnd)
        {
            (_lineOpen, _previous, _previousFree) = (false, -1, true);
        }

        if (chunk.EndsFile)
        {
            EndFile();
        }
    }

    private void StartWriteback()
    {
        if (_writeBack is null)
        {
            return;
        }

        _writeBack.Flush();
        long written = _writeBack.Position;
        FileWriteback.Start(_writeBack.SafeFileHandle, _writtenBack, written - _writtenBack);
        _writtenBack = written;
    }

    /// <summary>A .gz file, on this thread: it starts on a fresh line (every file ends its last one), so no edge to settle.</summary>
    private void RewriteStreamed(CorpusChunks.Chunk chunk)
    {
        Debug.Assert(!_lineOpen);
        var slot = new RewrittenChunk();
        slot.Reset(spill: _output);
        var sink = new RewriteSink(_table, slot, _delimiter);
        _files.Tokenize(chunk.File, ref sink, out _);
        sink.FinishStreamed();
        Tokens += slot.Tokens;
        Joined += slot.Joined;
        EndFile();
    }

    private void EndFile()
    {
        if (_lineOpen)
        {
            _output.WriteByte((byte)'\n');
        }

        (_lineOpen, _previous, _previousFree) = (false, -1, true);
    }
}

using System.Runtime.InteropServices;
using FastSgns.Ids;

namespace FastSgns.Training;

/// <summary>
/// Ids one process of a distributed run hands another to train (<see cref="WorkerTail"/>), as the taker trains them:
/// pieces of the giver's corpus one after the other, each ended by a sentence-end marker (added when the piece does not
/// end with one), and where each piece lies in the job's corpus (the shards laid end to end), so that a checkpoint can
/// record which of them a worker has still to train (<see cref="Left"/>) and a resumed run can hand exactly those again.
/// The message: int64 piece count, per piece int64 from and to (the job's positions), then the ids as int32.
/// </summary>
internal sealed class HandoverBatch
{
    /// <summary>Each piece: its ids [From, To) in the job's corpus, and where it starts in <see cref="Corpus"/>.</summary>
    private readonly (long From, long To, long At)[] _pieces;

    private HandoverBatch(EncodedCorpus corpus, (long From, long To, long At)[] pieces)
    {
        Corpus = corpus;
        _pieces = pieces;
    }

    /// <summary>The handed ids as a corpus of their own.</summary>
    public EncodedCorpus Corpus { get; }

    /// <summary>The message for the <paramref name="pieces"/> of <paramref name="corpus"/> (its positions), which starts at <paramref name="offset"/> of the job's corpus.</summary>
    public static byte[] Pack(EncodedCorpus corpus, IReadOnlyList<(long From, long To)> pieces, long offset)
    {
        int header = sizeof(long) * (1 + 2 * pieces.Count);
        long ids = 0;
        foreach ((long from, long to) in pieces)
        {
            ids += to - from + (corpus.Window(to - 1, 1)[0] == EncodedCorpus.SentenceEnd ? 0 : 1);
        }

        var message = new byte[checked(header + ids * sizeof(int))];
        Span<long> head = MemoryMarshal.Cast<byte, long>(message.AsSpan(0, header));
        Span<int> body = MemoryMarshal.Cast<byte, int>(message.AsSpan(header));
        head[0] = pieces.Count;
        int at = 0;
        for (int p = 0; p < pieces.Count; p++)
        {
            (long from, long to) = pieces[p];
            head[1 + 2 * p] = offset + from;
            head[2 + 2 * p] = offset + to;
            for (long start = from; start < to; start += 1 << 20)
            {
                int length = (int)Math.Min(1 << 20, to - start);
                corpus.Window(start, length).CopyTo(body[at..]);
                at += length;
            }

            if (body[at - 1] != EncodedCorpus.SentenceEnd)
            {
                body[at++] = EncodedCorpus.SentenceEnd;
            }
        }

        return message;
    }

    /// <summary>Ids (markers included) a message carries.</summary>
    public static long IdsIn(ReadOnlySpan<byte> message) =>
        message.Length == 0 ? 0 : (message.Length - sizeof(long) * (1 + 2 * MemoryMarshal.Read<long>(message))) / sizeof(int);

    /// <summary>The batch a <see cref="Pack"/>ed message carries.</summary>
    public static HandoverBatch Unpack(ReadOnlySpan<byte> message)
    {
        int count = checked((int)MemoryMarshal.Read<long>(message));
        int header = sizeof(long) * (1 + 2 * count);
        ReadOnlySpan<long> head = MemoryMarshal.Cast<byte, long>(message[..header]);
        int[] ids = MemoryMarshal.Cast<byte, int>(message[header..]).ToArray();
        var pieces = new (long From, long To, long At)[count];
        long at = 0;
        for (int p = 0; p < count; p++)
        {
            pieces[p] = (head[1 + 2 * p], head[2 + 2 * p], at);
            at += pieces[p].To - pieces[p].From;
            at += ids[at - 1] == EncodedCorpus.SentenceEnd ? 0 : 1;
        }

        return new HandoverBatch(new EncodedCorpus(ids, ids.Length - ids.AsSpan().Count(EncodedCorpus.SentenceEnd)), pieces);
    }

    /// <summary>
    /// The ranges of the job's corpus a worker of this batch that stands at <paramref name="position"/> of
    /// <see cref="Corpus"/> has still to train before <paramref name="end"/> (its slice end), in order; the markers
    /// added between pieces are not the job's and are left out.
    /// </summary>
    public (long From, long To)[] Left(long position, long end)
    {
        var left = new List<(long From, long To)>();
        foreach ((long from, long to, long at) in _pieces)
        {
            long low = Math.Max(at, position), high = Math.Min(at + to - from, end);
            if (low < high)
            {
                left.Add((from + low - at, from + high - at));
            }
        }

        return [.. left];
    }
}

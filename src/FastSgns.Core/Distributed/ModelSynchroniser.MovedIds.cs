using System.Runtime.InteropServices;
using FastSgns.Checkpoints;
using FastSgns.Training;

namespace FastSgns.Distributed;

/// <summary>
/// The ids moved between ranks in a checkpoint: every rank's received workers say what they have still to train
/// (ranges of the job's corpus), rank 0 writes them with the givers' cuts; a resumed job hands each entry to its taker
/// again (the rank that holds those ids sends them), so every id is trained exactly once across the interruption.
/// </summary>
internal sealed partial class ModelSynchroniser
{
    /// <summary>Moved ids a resumed checkpoint gave this rank, trained once its own workers are done (as a taker trains them).</summary>
    private readonly List<(HandoverBatch Batch, WorkerState State)> _resumed = [];

    /// <summary>Where this rank's corpus starts in the job's (the shards laid end to end); 0 without checkpoints, where positions are not saved.</summary>
    private long JobOffset => _checkpoints?.Scope.Offset ?? 0;

    /// <summary>This rank's first shard: how a checkpoint names a taker, so a job resumed on fewer ranks finds it.</summary>
    private int FirstShard => world.Rank * ShardsHeld;

    public void ResumeHandovers(IReadOnlyList<MovedWork> moved)
    {
        if (moved.Count == 0 || _handover is null || _checkpoints is null)
        {
            return;
        }

        CheckpointScope scope = _checkpoints.Scope;
        int slices = (scope.Bounds.Length - 1) / world.Size;
        int Holder(long position)
        {
            int r = world.Size - 1;
            while (r > 0 && scope.Bounds[r * slices] > position)
            {
                r--;
            }

            return r;
        }

        // Each rank sends the ids of the entries it holds, in the checkpoint's order, each message behind its length.
        using var mine = new MemoryStream();
        foreach (MovedWork m in moved.Where(m => Holder(m.Left[0].From) == world.Rank))
        {
            byte[] message = HandoverBatch.Pack(_handover.Corpus, [.. m.Left.Select(r => (r.From - scope.Offset, r.To - scope.Offset))], scope.Offset);
            mine.Write(BitConverter.GetBytes(message.Length));
            mine.Write(message);
        }

        byte[][] all = world.GatherAll(mine.ToArray());
        var read = new int[world.Size];
        long ids = 0;
        foreach (MovedWork m in moved)
        {
            int holder = Holder(m.Left[0].From);
            int length = BitConverter.ToInt32(all[holder], read[holder]);
            ReadOnlySpan<byte> message = all[holder].AsSpan(read[holder] + sizeof(int), length);
            read[holder] += sizeof(int) + length;
            ids += m.Ids;
            if (m.Taker / ShardsHeld == world.Rank)
            {
                _resumed.Add((HandoverBatch.Unpack(message), m.State));
            }
        }

        log?.Invoke($"handover: {ids:N0} ids moved between ranks before the checkpoint are still to train, in {moved.Count:N0} pieces");
    }

    /// <summary>Starts training the moved ids a resumed checkpoint gave this rank (its own workers are done).</summary>
    private void StartResumedHandovers()
    {
        foreach ((HandoverBatch batch, WorkerState state) in _resumed)
        {
            _receivedIds += batch.Corpus.Length;
            _receivedDone.Add(_handover!.ResumeReceived(batch, state));
        }

        _resumed.Clear();
    }

    /// <summary>Every rank's moved ids still to train (its received workers', and what it has not started of a resumed checkpoint's), in rank order.</summary>
    private MovedWork[] GatherMoved(List<MovedWork> received)
    {
        var flat = new List<long>();
        foreach (MovedWork m in received.Concat(_resumed.Select(p => new MovedWork(-1, p.Batch.Left(0, p.Batch.Corpus.Length), p.State))))
        {
            WorkerState w = m.State;
            flat.AddRange([FirstShard, w.Epoch, w.Position, w.Words, (long)w.Random, BitConverter.DoubleToInt64Bits(w.Loss), w.Pairs, m.Left.Length]);
            foreach ((long from, long to) in m.Left)
            {
                flat.AddRange([from, to]);
            }
        }

        var moved = new List<MovedWork>();
        foreach (byte[] part in world.GatherAll(MemoryMarshal.AsBytes(flat.ToArray().AsSpan())))
        {
            ReadOnlySpan<long> f = MemoryMarshal.Cast<byte, long>(part);
            for (int at = 0; at < f.Length;)
            {
                var state = new WorkerState((int)f[at + 1], f[at + 2], f[at + 3], (ulong)f[at + 4], BitConverter.Int64BitsToDouble(f[at + 5]), f[at + 6]);
                var left = new (long From, long To)[f[at + 7]];
                for (int r = 0; r < left.Length; r++)
                {
                    left[r] = (f[at + 8 + 2 * r], f[at + 9 + 2 * r]);
                }

                moved.Add(new MovedWork((int)f[at], left, state));
                at += 8 + 2 * left.Length;
            }
        }

        return [.. moved];
    }
}

using FastSgns.Training;

namespace FastSgns.Distributed;

/// <summary>
/// Evening out the ranks' ends. Shards are equal, but ranks do not run at equal speed (a shared or loaded machine, a
/// slower node), and with one worker per rank the rank that is done first idles until the last one is. So at every
/// sync, from the states every rank gathered there (each rank's ids left to read and whether it is done), every rank
/// computes the same pairs: each rank that is done and idle with one of the ranks with the most ids left (at least
/// <see cref="PairMinimum"/>). In each pair the busy rank cuts what its partner would train in the time it needs for
/// the rest at both ranks' rates so far (<see cref="Share"/>) off the end of its workers' last epoch
/// (<see cref="WorkerTail"/>) and sends those ids to its partner in one gather every rank joins (Allgatherv; only
/// givers contribute); the partner trains them on its threads as the last epoch. Each rank idles
/// about two syncs (the one where it says it is done and the pairing) instead of the rest of the slowest rank's shard.
/// </summary>
internal sealed partial class ModelSynchroniser
{
    private Handover? _handover;
    private readonly List<Func<bool>> _receivedDone = [];
    private long _handedIds;
    private long _receivedIds;
    private int _handedPieces;

    public void EnableHandover(Handover handover) => _handover = handover;

    // Each rank's words and the seconds it trained them (by this rank's clock, between syncs at which it was busy):
    // its rate, which decides how much a giver hands to its partner.
    private long[] _rankWords = [];
    private double[] _rankBusySeconds = [];
    private TimeSpan _statesAt;

    /// <summary>Takes every rank's progress from a sync's states: words, and the time since the last sync if it was busy.</summary>
    private void TrackRates(long[] states, TimeSpan elapsed)
    {
        if (_rankWords.Length != world.Size)
        {
            _rankWords = new long[world.Size];
            _rankBusySeconds = new double[world.Size];
        }

        double seconds = (elapsed - _statesAt).TotalSeconds;
        _statesAt = elapsed;
        for (int r = 0; r < world.Size; r++)
        {
            _rankWords[r] = states[r * StateFields];
            _rankBusySeconds[r] += states[r * StateFields + 1] == 0 ? seconds : 0;
        }
    }

    /// <summary>
    /// The share of what a giver has left that its partner (the taker) gets so that both end together
    /// at their rates so far (a half when a rate is not known yet), between a tenth and nine tenths.
    /// </summary>
    internal static double Share(double giverRate, double takerRate) =>
        giverRate > 0 && takerRate > 0 ? Math.Clamp(takerRate / (giverRate + takerRate), 0.1, 0.9) : 0.5;

    private double Rate(int rank) => _rankBusySeconds[rank] > 0 ? _rankWords[rank] / _rankBusySeconds[rank] : 0;

    /// <summary>Ids a busy rank must have left for an idle one to take half: two sync intervals.</summary>
    private long PairMinimum => 2 * settings.Words;

    /// <summary>True while ids received from another rank are being trained here.</summary>
    private bool ReceivedBusy => !_receivedDone.TrueForAll(done => done());

    /// <summary>This rank's ids left to read in its own shard (the state field the pairing reads).</summary>
    private long RemainingIds()
    {
        long left = 0;
        foreach (WorkerTail tail in _handover?.Tails ?? [])
        {
            left += tail.Remaining();
        }

        return left;
    }

    /// <summary>
    /// Which busy rank gives to which idle one, from the gathered states alone (so every rank computes the same):
    /// idle ranks in rank order, each with the next of the busy ranks by ids left (most first, ties by rank).
    /// </summary>
    internal static List<(int Giver, int Taker)> HandoverPairs(long[] states, int ranks, int fields, long minimum)
    {
        var idle = new List<int>();
        var busy = new List<int>();
        for (int r = 0; r < ranks; r++)
        {
            bool finished = states[r * fields + 1] != 0;
            long left = states[r * fields + RemainingField];
            if (finished)
            {
                idle.Add(r);
            }
            else if (left >= minimum)
            {
                busy.Add(r);
            }
        }

        busy.Sort((a, b) => states[b * fields + RemainingField] != states[a * fields + RemainingField]
            ? states[b * fields + RemainingField].CompareTo(states[a * fields + RemainingField]) : a.CompareTo(b));
        var pairs = new List<(int, int)>();
        for (int i = 0; i < Math.Min(idle.Count, busy.Count); i++)
        {
            pairs.Add((busy[i], idle[i]));
        }

        return pairs;
    }

    /// <summary>The pairs of this sync (none when no rank is idle): the givers cut and send, the takers start training.</summary>
    private void Rebalance(long[] states)
    {
        if (_handover is null || world.Size < 2)
        {
            return;
        }

        List<(int Giver, int Taker)> pairs = HandoverPairs(states, world.Size, StateFields, PairMinimum);
        if (pairs.Count == 0)
        {
            return;
        }

        int partner = pairs.FindIndex(p => p.Giver == world.Rank) is var i and >= 0 ? pairs[i].Taker : -1;
        byte[] mine = partner >= 0 ? CutTails(_handover, Share(Rate(world.Rank), Rate(partner))) : [];
        byte[][] all = world.GatherAll(mine);
        foreach ((int giver, int taker) in pairs)
        {
            if (all[giver].Length == 0)
            {
                continue;
            }

            log?.Invoke($"handover: rank {giver} hands {HandoverBatch.IdsIn(all[giver]):N0} ids to rank {taker}");
            if (taker == world.Rank)
            {
                HandoverBatch batch = HandoverBatch.Unpack(all[giver]);
                _receivedIds += batch.Corpus.Length;
                _receivedDone.Add(_handover.TrainReceived(batch));
            }
        }
    }

    /// <summary>The <paramref name="share"/> of what each worker has left, cut off its last epoch's end: the message (<see cref="HandoverBatch"/>); empty when nothing was cut.</summary>
    private byte[] CutTails(Handover handover, double share)
    {
        var pieces = new List<(long From, long To)>();
        foreach (WorkerTail tail in handover.Tails)
        {
            (long from, long to) = tail.TryCut(handover.Corpus, share, minimum: settings.Words / 2, margin: CutMargin);
            if (to > from)
            {
                pieces.Add((from, to));
            }
        }

        if (pieces.Count == 0)
        {
            return [];
        }

        byte[] message = HandoverBatch.Pack(handover.Corpus, pieces, JobOffset);
        _handedPieces += pieces.Count;
        _handedIds += HandoverBatch.IdsIn(message);
        return message;
    }

    /// <summary>How far ahead of a worker a cut must be: what it may read while the cut is being made.</summary>
    private const long CutMargin = 1 << 14;

    /// <summary>What the last log line says about the handovers.</summary>
    private string HandoverLine() => _handover is null || world.Size < 2 ? ""
        : $"; handed {_handedIds:N0} ids in {_handedPieces:N0} pieces to idle ranks, trained {_receivedIds:N0} received";
}

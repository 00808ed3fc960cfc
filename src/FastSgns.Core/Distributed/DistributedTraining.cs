using System.Diagnostics;
using FastSgns.Corpus;
using FastSgns.Vocabulary;

namespace FastSgns.Distributed;

/// <summary>
/// This process's part in a distributed run, as the pipeline sees it: count its shard and merge the counts, encode
/// its shard, and keep its model in step with the other ranks while training (<see cref="ModelSynchroniser"/>).
/// Every step that can fail on one rank alone (a file it cannot read) is agreed on by all (<see cref="CollectiveCheck"/>).
/// </summary>
internal sealed class DistributedTraining(MpiCommunicator world, SyncSettings settings, CancellationTokenSource cancellation) : IDisposable
{
    private ShardPlan? _shard;
    private ModelSynchroniser? _synchroniser;
    private long _corpusWords;
    private long[] _heldShards = [];

    /// <summary>
    /// Shards the corpus is cut into: this job's ranks, or, for a job resumed from a checkpoint of more ranks, theirs
    /// (every rank then encodes and trains <see cref="ShardsPerRank"/> consecutive shards, each sliced as its rank did).
    /// </summary>
    public int Shards { get; set; }

    public int ShardsPerRank => Math.Max(1, Shards / world.Size);

    /// <summary>Ids (markers included) of each shard this rank holds, in its encoded corpus's order; known once encoding is done.</summary>
    public IReadOnlyList<long> HeldShards => _heldShards;

    public MpiCommunicator World => world;

    public SyncSettings Settings => settings;

    /// <summary>Messages for the run's log (rank 0's; null on the other ranks).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The synchroniser of the last training, for its figures; null before training.</summary>
    public ModelSynchroniser? Synchroniser => _synchroniser;

    /// <summary>
    /// True once the ranks agreed to fail (a setup step failed on some rank) or to stop (a cancellation): every rank
    /// then ends normally. A failure that is not agreed left the other ranks waiting, so it must abort the job.
    /// </summary>
    public bool EndAgreed { get; private set; }

    public T Agree<T>(Func<T> step, Action<T>? discard = null)
    {
        try
        {
            return CollectiveCheck.Agree(world, step, discard);
        }
        catch (Exception e) when (e is RankFailedException or OperationCanceledException)
        {
            EndAgreed = true;
            throw;
        }
    }

    /// <summary>The whole corpus's counts, identical on every rank: this rank counts its shard, the tables are merged.</summary>
    public Utf8WordTable CountWords(CorpusFiles files, int threads, CancellationToken cancellation)
    {
        var stopwatch = Stopwatch.StartNew();
        (Utf8WordTable mine, long tokens, long bytes) = Agree(() =>
        {
            _shard = ShardPlan.For(files, world.Rank, world.Size);
            Utf8WordTable table = DistributedVocabulary.CountShard(files, _shard, threads, out long t, out long b, cancellation);
            return (table, t, b);
        });
        TimeSpan counting = stopwatch.Elapsed;
        Utf8WordTable merged = DistributedVocabulary.Merge(world, mine);
        long[] totals = world.GatherAll([tokens, bytes]);
        long allTokens = 0, allBytes = 0;
        for (int r = 0; r < world.Size; r++)
        {
            allTokens += totals[r * 2];
            allBytes += totals[r * 2 + 1];
        }

        files.TextBytes = allBytes;
        Log?.Invoke($"count: {allTokens:N0} tokens, {merged.Count:N0} distinct on {world.Size} ranks; this rank counted {tokens:N0} tokens " +
                    $"({bytes / 1e6:F1} MB, {mine.Count:N0} distinct) in {counting.TotalSeconds:F2} s and merged every rank's table in {(stopwatch.Elapsed - counting).TotalSeconds:F2} s");
        if (allTokens == 0)
        {
            throw new InvalidDataException($"{string.Join(", ", files.Paths)}: the input contains no words.");
        }

        return merged;
    }

    /// <summary>Encodes this rank's shard; every rank must end up with words to train on.</summary>
    public long Encode(CorpusFiles files, Vocab vocabulary, Stream output, CancellationToken cancellation)
    {
        long words = Agree(() =>
        {
            long written = 0;
            int held = ShardsPerRank;
            _heldShards = new long[held];
            for (int i = 0; i < held; i++)
            {
                ShardPlan plan = held == 1 ? _shard ?? ShardPlan.For(files, world.Rank, world.Size) : ShardPlan.For(files, world.Rank * held + i, world.Size * held);
                written += ShardEncoder.Encode(files, plan, vocabulary, output, out _heldShards[i], cancellation);
            }

            return written > 0 ? written
                : throw new InvalidDataException($"no word of the vocabulary occurs in this rank's share of the input ({string.Join(", ", files.Paths)}): the corpus is too small for {world.Size} ranks.");
        });
        long[] all = world.GatherAll([words]);
        _corpusWords = all.Sum();
        Log?.Invoke($"encode: {_corpusWords:N0} ids on {world.Size} ranks, {string.Join(" ", all.Select(w => $"{w / 1e6:F2}M"))} per rank");
        return words;
    }

    /// <summary>The synchroniser for a trainer with <paramref name="threads"/> workers per rank; its corpus size is known once encoding is done.</summary>
    public ModelSynchroniser CreateSynchroniser(int threads)
    {
        _synchroniser?.Dispose();
        _synchroniser = new ModelSynchroniser(world, settings, () => _corpusWords, threads, cancellation, Log)
        {
            OnAgreedStop = () => EndAgreed = true, HeldShards = () => _heldShards, ShardsHeld = ShardsPerRank,
        };
        return _synchroniser;
    }

    public void Dispose() => _synchroniser?.Dispose();
}

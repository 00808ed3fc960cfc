namespace FastSgns.Checkpoints;

/// <summary>
/// The checkpoint file, format 6: "FSGNSCKP", int32 version, then four sections in this order, each framed as an
/// int64 payload length, the payload, and the payload's XxHash3 (uint64), then "FSGNSEND" and nothing after it.
/// <list type="bullet">
/// <item><c>identity</c>: int32 count, then key/value string pairs (<see cref="CheckpointHeader.Verify"/>).</item>
/// <item><c>vocabulary</c>: int32 word count; per word, in id order, its UTF-8 bytes behind a 7-bit-encoded length
/// and an int64 count.</item>
/// <item><c>progress</c>: int64 words processed, int32 worker count, per worker a <see cref="WorkerState"/> and the
/// int64 end of its last epoch (its slice end, or where a distributed run cut it); int32 count of
/// <see cref="MovedWork"/>, per entry int32 taker, a <see cref="WorkerState"/>, int32 range count and int64 pairs
/// (from, to) of ids still to train.</item>
/// <item><c>matrices</c>: int32 rows, int32 dim, int32 tree rows (0, or rows − 1 with hierarchical softmax), the input
/// then the output vectors, rows × dim float32, then the tree's inner-node vectors, tree rows × dim float32.</item>
/// </list>
/// All little-endian. Every section is checked before a value of it is used, and every count and position in it is
/// range-checked against the file's length and the run, so damage is reported as damage, never as a crash or as
/// training that went wrong.
/// </summary>
internal static class CheckpointFormat
{
    public const string Magic = "FSGNSCKP";
    public const string EndMagic = "FSGNSEND";

    /// <summary>
    /// 6: the progress also holds each worker's last-epoch end and the ids a distributed run moved between processes
    /// (so a checkpoint after a handover resumes exactly). 5: the identity also holds NsExponent and StopAfterEpochs. 4: the matrices section counts and holds the
    /// hierarchical-softmax tree. 3 had no tree; 2 stored the vocabulary without checksums; 1 held only a hash of the
    /// vocabulary. None is read.
    /// </summary>
    public const int Version = 6;

    public const string Identity = "identity";
    public const string Vocabulary = "vocabulary";
    public const string Progress = "progress";
    public const string Matrices = "matrices";

    /// <summary>The frame's parameters for checkpoints.</summary>
    public static readonly SectionedFormat Frame = new(Magic, EndMagic, Version, "checkpoint", "start afresh instead of resuming", ShowsPositions: false);

    /// <summary>"PATH: the checkpoint is damaged: WHY; start afresh." — the one shape of every damage report.</summary>
    public static InvalidDataException Damaged(string path, string why) => Frame.Damaged(path, why);

    public static InvalidDataException Damaged(string path, string section, string why) => Frame.Damaged(path, section, 0, why);
}

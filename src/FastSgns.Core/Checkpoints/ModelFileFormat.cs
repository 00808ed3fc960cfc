namespace FastSgns.Checkpoints;

/// <summary>
/// The full model file (<c>--save-model</c> / <c>--init-model</c>), format 2, on the checkpoint's checksummed section
/// frame (<see cref="SectionedFormat"/>): "FSGNSMDL", int32 version, then these sections, each an int64 payload length,
/// the payload and its XxHash3 (uint64), then "FSGNSEND" and nothing after it. All little-endian.
/// <list type="bullet">
/// <item><c>options</c>: int32 count, then key/value string pairs (7-bit length, UTF-8): the training options that
/// shape the model, keyed by their <c>TrainingOptions</c> names, values in the invariant culture.</item>
/// <item><c>vocabulary</c>: as in the checkpoint: int32 word count; per word, in id order, its UTF-8 bytes behind a
/// 7-bit-encoded length and an int64 count.</item>
/// <item><c>schedule</c>: where the learning-rate schedule stands: int32 epochs done, int64 words processed, int64
/// words per epoch, the input the schedule runs on (a string: file names and size), int32 worker count and each
/// worker's generator state (uint64).</item>
/// <item><c>layout</c>: int32 dim, int32 matrix count, the matrices' names in the order their sections follow.</item>
/// <item>one section per matrix named in the layout: int32 rows, int32 dim, rows × dim float32: <c>input</c> (the
/// word vectors, syn0) and <c>output</c> (the negative-sampling weights, syn1neg), both required, then <c>tree</c>
/// (hierarchical softmax's inner-node weights, syn1: one row per inner node of the Huffman tree, words − 1) exactly
/// when the options say <c>HierarchicalSoftmax</c>. The tree itself is not stored: it is rebuilt from the counts,
/// deterministically.</item>
/// </list>
/// Every section is checked before a value of it is used; every count is range-checked against what remains, so damage
/// is reported naming the file, the section and the byte where its payload starts, never as a crash.
/// </summary>
internal static class ModelFileFormat
{
    public const string Magic = "FSGNSMDL";

    /// <summary>2: the tree matrix of hierarchical softmax. 1 (still read) had none: its layout is format 2's without it.</summary>
    public const int Version = 2;

    /// <summary>The oldest format read: format 1 files are format 2 files of models without hierarchical softmax.</summary>
    public const int OldestVersion = 1;

    public const string Options = "options";
    public const string Vocabulary = "vocabulary";
    public const string Schedule = "schedule";
    public const string Layout = "layout";
    public const string InputMatrix = "input";
    public const string OutputMatrix = "output";
    public const string TreeMatrix = "tree";

    /// <summary>The matrices of a model, in the order they must appear: the tree's only with hierarchical softmax.</summary>
    public static string[] Matrices(bool tree) => tree ? [InputMatrix, OutputMatrix, TreeMatrix] : [InputMatrix, OutputMatrix];

    public static readonly SectionedFormat Frame =
        new(Magic, CheckpointFormat.EndMagic, Version, "model file", "it cannot be used; save the model again", ShowsPositions: true, OldestVersion);
}

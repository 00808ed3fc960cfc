using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// fsg_hidden_batch, field for field: the ABI copy of a <see cref="Kernels.HiddenBatch"/> with its spans pinned. 72
/// bytes on 64-bit; a test pins the size and offsets. A null <see cref="NodeOffsets"/> means no hierarchical softmax,
/// a null <see cref="Targets"/> no negative sampling.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct NativeHiddenBatch(int* inputs, int* inputOffsets, int* nodes, float* nodeLabels, int* nodeOffsets,
    int* targets, float* tree, long exampleCount, int negatives, bool mean, bool gensimTargets)
{
    public readonly int* Inputs = inputs;
    public readonly int* InputOffsets = inputOffsets;
    public readonly int* Nodes = nodes;
    public readonly float* NodeLabels = nodeLabels;
    public readonly int* NodeOffsets = nodeOffsets;
    public readonly int* Targets = targets;
    public readonly float* Tree = tree;
    public readonly long ExampleCount = exampleCount;
    public readonly int Negatives = negatives;
    /// <summary>fsg_hidden_batch.flags: <see cref="MeanFlag"/> and <see cref="GensimTargetsFlag"/>.</summary>
    public readonly int Flags = (mean ? MeanFlag : 0) | (gensimTargets ? GensimTargetsFlag : 0);

    /// <summary>FSG_HIDDEN_MEAN: <see cref="Kernels.HiddenBatch.Mean"/>.</summary>
    public const int MeanFlag = 1;

    /// <summary>FSG_HIDDEN_GENSIM_TARGETS: <see cref="Kernels.HiddenBatch.GensimTargets"/>.</summary>
    public const int GensimTargetsFlag = 2;

    public bool Mean => (Flags & MeanFlag) != 0;

    public bool GensimTargets => (Flags & GensimTargetsFlag) != 0;
}

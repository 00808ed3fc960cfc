using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// fsg_hidden_batch, field for field: the ABI copy of a <see cref="Kernels.HiddenBatch"/> with its spans pinned. 72
/// bytes on 64-bit; a test pins the size and offsets. A null <see cref="NodeOffsets"/> means no hierarchical softmax,
/// a null <see cref="Targets"/> no negative sampling.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct NativeHiddenBatch(int* inputs, int* inputOffsets, int* nodes, float* nodeLabels, int* nodeOffsets,
    int* targets, float* tree, long exampleCount, int negatives, bool mean)
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
    public readonly int Mean = mean ? 1 : 0;
}

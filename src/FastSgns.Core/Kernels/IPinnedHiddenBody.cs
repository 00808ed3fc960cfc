using FastSgns.Interop;

namespace FastSgns.Kernels;

/// <summary>What a kernel does with a hidden batch once <see cref="PinnedHiddenBatch.Pin"/> has pinned it; returns the loss.</summary>
internal interface IPinnedHiddenBody
{
    float Run(in NativeHiddenBatch batch);
}

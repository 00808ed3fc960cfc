using System.Runtime.InteropServices;
using FastSgns.Interop;

namespace FastSgns.Tests.Interop;

/// <summary>NativeContext must stay byte-for-byte the fsg_context of native/include/fastsgns_native.h.</summary>
public sealed class NativeContextLayoutTests
{
    [Fact]
    public unsafe void NativeContext_HasTheLayoutOfFsgContext()
    {
        Assert.Equal(88, sizeof(NativeContext));
        Assert.Equal(0, Offset(nameof(NativeContext.Input)));
        Assert.Equal(8, Offset(nameof(NativeContext.Output)));
        Assert.Equal(16, Offset(nameof(NativeContext.Stride)));
        Assert.Equal(24, Offset(nameof(NativeContext.Dim)));
        Assert.Equal(32, Offset(nameof(NativeContext.Sigmoid)));
        Assert.Equal(40, Offset(nameof(NativeContext.PositiveLoss)));
        Assert.Equal(48, Offset(nameof(NativeContext.NegativeLoss)));
        Assert.Equal(56, Offset(nameof(NativeContext.TableSize)));
        Assert.Equal(60, Offset(nameof(NativeContext.MaxExp)));
        Assert.Equal(64, Offset(nameof(NativeContext.TableScale)));
        Assert.Equal(72, Offset(nameof(NativeContext.Scratch)));
        Assert.Equal(80, Offset(nameof(NativeContext.ScratchFloats)));
    }

    [Fact]
    public unsafe void NativeHiddenBatch_HasTheLayoutOfFsgHiddenBatch()
    {
        Assert.Equal(72, sizeof(NativeHiddenBatch));
        string[] pointers = [nameof(NativeHiddenBatch.Inputs), nameof(NativeHiddenBatch.InputOffsets), nameof(NativeHiddenBatch.Nodes),
            nameof(NativeHiddenBatch.NodeLabels), nameof(NativeHiddenBatch.NodeOffsets), nameof(NativeHiddenBatch.Targets), nameof(NativeHiddenBatch.Tree)];
        for (int i = 0; i < pointers.Length; i++)
        {
            Assert.Equal(8 * i, (int)Marshal.OffsetOf<NativeHiddenBatch>(pointers[i]));
        }

        Assert.Equal(56, (int)Marshal.OffsetOf<NativeHiddenBatch>(nameof(NativeHiddenBatch.ExampleCount)));
        Assert.Equal(64, (int)Marshal.OffsetOf<NativeHiddenBatch>(nameof(NativeHiddenBatch.Negatives)));
        Assert.Equal(68, (int)Marshal.OffsetOf<NativeHiddenBatch>(nameof(NativeHiddenBatch.Flags)));
    }

    private static int Offset(string field) => (int)Marshal.OffsetOf<NativeContext>(field);
}

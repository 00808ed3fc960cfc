using System.Runtime.InteropServices;
using FastSgns.Kernels;

namespace FastSgns.Tests.Interop;

/// <summary>
/// Input and output matrices plus scratch for one kernel run, at a chosen misalignment and row stride. Every float
/// the kernel must not touch (row padding, a guard band after each buffer) holds NaN: a kernel that reads it
/// poisons its result, one that writes it is caught by <see cref="GuardsIntact"/>.
/// </summary>
internal sealed unsafe class KernelBuffers : IDisposable
{
    private const int Guard = 32;

    private readonly float* _inputBlock;
    private readonly float* _outputBlock;
    private readonly float* _scratch;
    private readonly int _scratchFloats;

    public int Dim { get; }
    public long Stride { get; }
    public int InputRows { get; }
    public int OutputRows { get; }
    public int OffsetFloats { get; }
    public float* Input => _inputBlock + OffsetFloats;
    public float* Output => _outputBlock + OffsetFloats;

    public KernelBuffers(int dim, long stride, int inputRows, int outputRows, int negatives, int offsetFloats)
    {
        Dim = dim;
        Stride = stride;
        InputRows = inputRows;
        OutputRows = outputRows;
        OffsetFloats = offsetFloats;
        _inputBlock = Allocate(offsetFloats + inputRows * stride + Guard);
        _outputBlock = Allocate(offsetFloats + outputRows * stride + Guard);
        _scratchFloats = KernelContext.ScratchFloats(dim, negatives);
        _scratch = Allocate(_scratchFloats + Guard);
    }

    public KernelContext Context(SigmoidTable table) => new(Input, Output, Stride, Dim, table, _scratch);

    /// <summary>Fills the used part of every row with multiples of 1/64 in [−1, 1], so first dot products are exact in any order.</summary>
    public void Fill(ulong seed)
    {
        var random = new Random((int)seed);
        FillMatrix(Input, InputRows, random);
        FillMatrix(Output, OutputRows, random);
    }

    public void CopyFrom(KernelBuffers other)
    {
        new ReadOnlySpan<float>(other.Input, (int)(InputRows * Stride)).CopyTo(new Span<float>(Input, (int)(InputRows * Stride)));
        new ReadOnlySpan<float>(other.Output, (int)(OutputRows * Stride)).CopyTo(new Span<float>(Output, (int)(OutputRows * Stride)));
    }

    public ReadOnlySpan<float> InputRow(int row) => new(Input + row * Stride, Dim);

    public ReadOnlySpan<float> OutputRow(int row) => new(Output + row * Stride, Dim);

    /// <summary>Whether the misalignment prefix, the row padding and the guard bands still hold NaN.</summary>
    public bool GuardsIntact() =>
        PaddingIntact(_inputBlock, InputRows) && PaddingIntact(_outputBlock, OutputRows) &&
        AllNaN(_scratch + _scratchFloats, Guard);

    private bool PaddingIntact(float* block, int rows)
    {
        if (!AllNaN(block, OffsetFloats) || !AllNaN(block + OffsetFloats + rows * Stride, Guard))
        {
            return false;
        }

        for (int r = 0; r < rows; r++)
        {
            if (!AllNaN(block + OffsetFloats + r * Stride + Dim, (int)(Stride - Dim)))
            {
                return false;
            }
        }

        return true;
    }

    private void FillMatrix(float* matrix, int rows, Random random)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < Dim; j++)
            {
                matrix[r * Stride + j] = random.Next(-64, 65) / 64f;
            }
        }
    }

    private static bool AllNaN(float* values, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!float.IsNaN(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static float* Allocate(long floats)
    {
        var block = (float*)NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
        new Span<float>(block, (int)floats).Fill(float.NaN);
        return block;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_inputBlock);
        NativeMemory.AlignedFree(_outputBlock);
        NativeMemory.AlignedFree(_scratch);
    }
}

using System.Runtime.InteropServices;
using FastSgns.Randomness;

namespace FastSgns.Embeddings;

/// <summary>
/// A rows × dim float matrix in 64-byte-aligned native memory, each row padded with zeros to a multiple of 16 floats
/// so every row starts on a cache line and SIMD kernels may stream whole rows. The padding stays zero under SGNS
/// updates (it is only ever multiplied by other padding).
/// </summary>
public sealed unsafe class EmbeddingMatrix : IDisposable
{
    private float* _data;

    public int Rows { get; }
    public int Dim { get; }
    public int Stride { get; }

    public EmbeddingMatrix(int rows, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        Rows = rows;
        Dim = dim;
        Stride = StrideFor(dim);
        nuint bytes = (nuint)BytesFor(rows, dim);
        _data = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(_data, bytes);
        GC.AddMemoryPressure((long)bytes);
    }

    internal float* Pointer => _data != null ? _data : throw new ObjectDisposedException(nameof(EmbeddingMatrix));

    public long ByteSize => (long)Rows * Stride * sizeof(float);

    /// <summary>What a rows × dim matrix takes, padding included, before allocating it.</summary>
    public static long BytesFor(int rows, int dim) => (long)rows * StrideFor(dim) * sizeof(float);

    private static int StrideFor(int dim) => (dim + 15) / 16 * 16;

    public Span<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        return new Span<float>(Pointer + (long)row * Stride, Dim);
    }

    /// <summary>
    /// word2vec.c's initialization of syn0, uniform in [−0.5, 0.5) / dim, but drawn from the generator's high bits:
    /// word2vec.c's low 16 bits repeat every 65,536 draws, which starts rows 655 apart as shifted copies.
    /// </summary>
    public void InitializeUniform(ulong seed)
    {
        var random = new Lcg(seed);
        for (int r = 0; r < Rows; r++)
        {
            Span<float> row = Row(r);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = (random.NextHigh() / 4294967296f - 0.5f) / Dim;
            }
        }
    }

    /// <summary>True if every value is finite; a NaN or infinity means training diverged.</summary>
    public bool AllFinite()
    {
        for (int r = 0; r < Rows; r++)
        {
            foreach (float v in Row(r))
            {
                if (!float.IsFinite(v))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public void Dispose()
    {
        if (_data != null)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
            GC.RemoveMemoryPressure(ByteSize);
        }

        GC.SuppressFinalize(this);
    }

    ~EmbeddingMatrix() => Dispose();
}

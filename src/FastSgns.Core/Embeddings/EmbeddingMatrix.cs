using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using FastSgns.Randomness;

namespace FastSgns.Embeddings;

/// <summary>
/// The one matrix of FastSgns: rows × dim floats in 64-byte-aligned native memory, each row <see cref="Stride"/>
/// floats apart (a multiple of 16, so every row starts on a cache line and SIMD kernels may stream whole rows; the
/// padding is zero and stays zero under SGNS updates, being only ever multiplied by other padding). Training writes
/// into it, the trained input matrix becomes the model's vectors, and queries, evaluation, readers and writers use it
/// through spans of rows. Rows are word ids (int), but every offset is 64-bit: a matrix may hold more than 2^31 floats.
/// </summary>
internal sealed unsafe class EmbeddingMatrix : IDisposable
{
    private readonly MatrixMemory _memory;
    private readonly float* _data;

    /// <summary>Set by Dispose at once; the memory itself goes when the last lease ends (the handle's own state).</summary>
    private volatile bool _disposed;

    public int Rows { get; }
    public int Dim { get; }

    /// <summary>Floats from the start of one row to the start of the next: at least <see cref="Dim"/>, a multiple of 16.</summary>
    public int Stride { get; }

    /// <summary>A zeroed rows × dim matrix with the stride training uses (dim rounded up to 16).</summary>
    public EmbeddingMatrix(int rows, int dim) : this(rows, dim, StrideFor(dim))
    {
    }

    /// <summary>
    /// A zeroed matrix with a wider stride than training needs; pages never written are never committed. Zero rows
    /// are allowed (a vector file may hold no words).
    /// </summary>
    public EmbeddingMatrix(int rows, int dim, int stride) : this(rows, dim, stride, 0)
    {
    }

    /// <summary>
    /// A zeroed matrix followed by <paramref name="spareRows"/> rows of the same stride that are not part of it (not
    /// counted in <see cref="Rows"/>, never saved, read or checked): room a kernel can reach with row ids past
    /// <see cref="Rows"/>, such as a worker's private copies of hot rows (<see cref="SpareBlock"/>).
    /// </summary>
    public EmbeddingMatrix(int rows, int dim, int stride, int spareRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(spareRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, dim);
        if (stride % 16 != 0)
        {
            throw new ArgumentException($"A stride of {stride} floats is not a multiple of 16, so rows would not start on cache lines.", nameof(stride));
        }

        Rows = rows;
        Dim = dim;
        Stride = stride;
        SpareRows = spareRows;
        _memory = new MatrixMemory(Math.Max(ByteSize + (long)spareRows * stride * sizeof(float), 64));
        _data = _memory.Start;
    }

    /// <summary>The first float, for kernels and interop; the owner keeps the matrix alive and undisposed meanwhile.</summary>
    internal float* Pointer => !_disposed ? _data : throw Disposed();

    public long ByteSize => (long)Rows * Stride * sizeof(float);

    /// <summary>Rows allocated after the matrix's own, outside it (see the constructor).</summary>
    public int SpareRows { get; }

    /// <summary>Rows [first, first + count) with their padding, stride floats each, as one span.</summary>
    public Span<float> Block(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)first + (ulong)count, (ulong)Rows, nameof(count));
        return new Span<float>(Pointer + (long)first * Stride, checked(count * Stride));
    }

    /// <summary>Spare rows [first, first + count) (row Rows + first on), with their padding, as one span.</summary>
    public Span<float> SpareBlock(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)first + (ulong)count, (ulong)SpareRows, nameof(count));
        return new Span<float>(Pointer + ((long)Rows + first) * Stride, checked(count * Stride));
    }

    public bool IsDisposed => _disposed;

    /// <summary>What a rows × dim matrix takes, padding included, before allocating it.</summary>
    public static long BytesFor(int rows, int dim) => (long)rows * StrideFor(dim) * sizeof(float);

    internal static int StrideFor(int dim) => (dim + 15) / 16 * 16;

    /// <summary>The <see cref="Dim"/> values of a row (padding excluded); valid until the matrix is disposed.</summary>
    public Span<float> Row(long row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)row, (ulong)Rows, nameof(row));
        return new Span<float>(Pointer + row * Stride, Dim);
    }

    /// <summary>
    /// Holds the memory for the duration of a query: a Dispose on another thread meanwhile takes effect only when the
    /// lease ends, instead of freeing rows being read. Throws <see cref="ObjectDisposedException"/> once disposed.
    /// </summary>
    public Lease Use() => !_disposed ? new(_memory) : throw Disposed();

    /// <summary>
    /// word2vec.c's initialization of syn0, uniform in [−0.5, 0.5)·<paramref name="width"/> / dim (width 2 is
    /// gensim's [−1, 1) / dim; width 1 is word2vec.c's values exactly, a multiply by 1 being exact), but drawn from the generator's high bits:
    /// word2vec.c's low 16 bits repeat every 65,536 draws, which starts rows 655 apart as shifted copies. One sequence
    /// of draws, row after row, but drawn in blocks of rows on every core, each block's generator jumped to its first
    /// draw (<see cref="Lcg.Skip"/>): the values are the serial loop's, and a large vocabulary's matrix (130 M floats,
    /// most of the time the kernel faulting its fresh pages in) no longer waits on one core before training starts.
    /// </summary>
    public void InitializeUniform(ulong seed, float width = 1f)
    {
        using Lease lease = Use();
        ForEachBlock((first, count) =>
        {
            var random = new Lcg(Lcg.Skip(seed, (ulong)first * (ulong)Dim));
            for (int r = first; r < first + count; r++)
            {
                Span<float> row = Row(r);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = (random.NextHigh() / 4294967296f - 0.5f) * width / Dim;
                }
            }
        });
    }

    /// <summary>
    /// Writes zeros over the whole block, so every page is private and writable before training starts. A page of a
    /// fresh calloc block that is read before it is written maps the shared zero page; the first update of a row in
    /// it is then a copy-on-write fault whose TLB flush interrupts every CPU running a worker. The output matrix starts
    /// at zero and its rows are read before they are written, so without this each of its pages cost an
    /// inter-processor interrupt during the first epoch (about 3 % of a two-thread run's samples on wiki10m). Blocks
    /// of rows on every core: the time is the kernel's, faulting fresh pages in.
    /// </summary>
    public void CommitPages()
    {
        using Lease lease = Use();
        ForEachBlock((first, count) => Block(first, count).Clear());
    }

    /// <summary>True if every value is finite; a NaN or infinity means training diverged. Blocks of rows on every core.</summary>
    public bool AllFinite()
    {
        using Lease lease = Use();
        bool finite = true;
        ForEachBlock((first, count) =>
        {
            for (int r = first; r < first + count && Volatile.Read(ref finite); r++)
            {
                if (!Finite(Row(r)))
                {
                    Volatile.Write(ref finite, false);
                }
            }
        });
        return finite;
    }

    /// <summary>Exponent bits all ones is an infinity or a NaN: one mask and compare per vector.</summary>
    private static bool Finite(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<Vector<int>> vectors = MemoryMarshal.Cast<float, Vector<int>>(values);
        var exponent = new Vector<int>(0x7F800000);
        Vector<int> infinite = Vector<int>.Zero;
        foreach (Vector<int> v in vectors)
        {
            infinite |= Vector.Equals(v & exponent, exponent);
        }

        bool finite = infinite == Vector<int>.Zero;
        for (int j = vectors.Length * Vector<int>.Count; j < values.Length; j++)
        {
            finite &= float.IsFinite(values[j]);
        }

        return finite;
    }

    /// <summary>Rows per block of <see cref="ForEachBlock"/>: 1.8 MB at dim 100, whole 2 MB pages for the most part.</summary>
    private const int BlockRows = 4096;

    /// <summary>
    /// Calls <paramref name="body"/>(first, count) for every block of <see cref="BlockRows"/> rows, on the thread pool
    /// when there are several blocks (each block on one thread; blocks in no particular order), else on this thread.
    /// </summary>
    private void ForEachBlock(Action<int, int> body)
    {
        int blocks = (int)(((long)Rows + BlockRows - 1) / BlockRows);
        if (blocks <= 1)
        {
            body(0, Rows);
            return;
        }

        Parallel.For(0, blocks, block =>
        {
            int first = block * BlockRows;
            body(first, Math.Min(BlockRows, Rows - first));
        });
    }

    /// <summary>
    /// A new matrix of the same shape whose rows are these scaled to unit length (zero rows stay zero): what cosine
    /// queries and evaluation read. The caller owns it.
    /// </summary>
    public EmbeddingMatrix ToUnitLength() => ToUnitLength(Rows);

    /// <summary>The first <paramref name="rows"/> rows scaled to unit length, e.g. the words an analogy may answer with.</summary>
    public EmbeddingMatrix ToUnitLength(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, Rows);
        using Lease source = Use();
        var unit = new EmbeddingMatrix(rows, Dim, Stride);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> row = Row(r);
                float norm = TensorPrimitives.Norm(row);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, unit.Row(r));
                }
            }

            return unit;
        }
        catch
        {
            unit.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _memory.Dispose();
    }

    private static ObjectDisposedException Disposed() =>
        new(nameof(EmbeddingMatrix), "The vectors were released (the model or matrix was disposed).");

    /// <summary>A reference on a matrix's memory; see <see cref="Use"/>. Allocates nothing.</summary>
    public ref struct Lease
    {
        private MatrixMemory? _memory;

        internal Lease(MatrixMemory memory)
        {
            bool added = false;
            try
            {
                memory.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw Disposed();
            }

            _memory = memory;
        }

        public void Dispose()
        {
            _memory?.DangerousRelease();
            _memory = null;
        }
    }
}

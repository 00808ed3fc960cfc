using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Embeddings;
using FastSgns.IO;
using FastSgns.Threading;

namespace FastSgns.Writers;

/// <summary>
/// Writes word2vec.c's formats byte for byte: a "count dim\n" header, then per word the word and a space followed
/// either by dim little-endian float32 values (binary) or by each value as "%lf " (text), and a newline.
/// </summary>
internal static class Word2VecWriter
{
    public static void Save(WordEmbeddings vectors, string path, bool binary) =>
        AtomicFile.Write(path, stream => Write(vectors, stream, binary));

    /// <summary>Writes only <paramref name="rows"/>, in the order given (all rows when null): an export of a subset.</summary>
    public static void Save(WordEmbeddings vectors, string path, bool binary, IReadOnlyList<int>? rows) =>
        AtomicFile.Write(path, stream => Write(vectors, stream, binary, rows));

    public static void Write(WordEmbeddings vectors, Stream stream, bool binary) => Write(vectors, stream, binary, null);

    /// <summary>
    /// Writes <paramref name="rows"/> of <paramref name="vectors"/> in the order given, or every row when null. Text is
    /// formatted in blocks of rows on every core and written in block order: formatting, not writing, is what a text
    /// file costs (wiki10m's 60,611 × 100 floats: most of the 0.2–0.3 s the CLI took to save them on one thread).
    /// </summary>
    public static void Write(WordEmbeddings vectors, Stream stream, bool binary, IReadOnlyList<int>? rows)
    {
        int count = rows?.Count ?? vectors.Count;
        var buffered = new BufferedStream(stream, 1 << 16);
        WriteAscii(buffered, $"{count} {vectors.Dim}\n");
        if (binary || (long)vectors.Dim * (PrintfFixed.MaxLength + 1) > MaxRowBytes)
        {
            // Binary rows are copied as they are, and a row of a very large dimension would not fit a block's buffer.
            WriteRows(vectors, buffered, binary, rows, count);
        }
        else
        {
            long blocks = (count + RowsPerBlock - 1) / RowsPerBlock;
            OrderedPipeline<RowBlock>.Run(blocks, Math.Clamp(Environment.ProcessorCount, 1, MaxThreads), () => new RowBlock(),
                (block, rowBlock, _) => rowBlock.Format(vectors, rows, (int)block * RowsPerBlock, (int)Math.Min(count, (block + 1) * RowsPerBlock)),
                (_, rowBlock) => buffered.Write(rowBlock.Bytes, 0, rowBlock.Length));
        }

        buffered.Flush();
    }

    /// <summary>Rows one at a time on this thread, each straight into the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRows(WordEmbeddings vectors, Stream stream, bool binary, IReadOnlyList<int>? rows, int count)
    {
        EmbeddingMatrix matrix = vectors.Vectors;
        byte[] number = binary ? [] : new byte[vectors.Dim * (PrintfFixed.MaxLength + 1)];
        byte[] word = new byte[256];
        for (int n = 0; n < count; n++)
        {
            int i = rows is null ? n : rows[n];
            string w = vectors.Word(i);
            if (Encoding.UTF8.GetMaxByteCount(w.Length) + 1 > word.Length)
            {
                word = new byte[Encoding.UTF8.GetMaxByteCount(w.Length) + 1];
            }

            int length = Encoding.UTF8.GetBytes(w, word);
            word[length++] = (byte)' ';
            stream.Write(word, 0, length);
            ReadOnlySpan<float> row = matrix.Row(i);
            if (binary)
            {
                WriteLittleEndian(stream, row);
            }
            else
            {
                stream.Write(number, 0, FormatRow(row, number));
            }

            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Largest formatted row the blocks take (dim 21,400 at most); larger ones go row by row.</summary>
    private const int MaxRowBytes = 1 << 20;

    /// <summary>Rows per block: a few hundred KB of text at dim 100, enough to amortize a hand-off many times over.</summary>
    private const int RowsPerBlock = 512;

    /// <summary>Formatting threads at most; more than this would only contend for the one writer.</summary>
    private const int MaxThreads = 8;

    /// <summary>A block of rows formatted as they appear in the file; the buffer is reused from block to block.</summary>
    private sealed class RowBlock
    {
        public byte[] Bytes = new byte[1 << 16];
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Format(WordEmbeddings vectors, IReadOnlyList<int>? rows, int first, int end)
        {
            EmbeddingMatrix matrix = vectors.Vectors;
            Length = 0;
            for (int n = first; n < end; n++)
            {
                int i = rows is null ? n : rows[n];
                string w = vectors.Word(i);
                ReadOnlySpan<float> row = matrix.Row(i);
                // word2vec.c prints each float promoted to double with "%lf ": six decimals.
                int most = Encoding.UTF8.GetMaxByteCount(w.Length) + 2 + row.Length * (PrintfFixed.MaxLength + 1);
                if (Bytes.Length - Length < most)
                {
                    Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, Length + most));
                }

                Span<byte> free = Bytes.AsSpan(Length);
                int at = Encoding.UTF8.GetBytes(w, free);
                free[at++] = (byte)' ';
                at += FormatRow(row, free[at..]);
                free[at++] = (byte)'\n';
                Length += at;
            }
        }
    }

    /// <summary>A text row's numbers, each followed by a space, into <paramref name="into"/>; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FormatRow(ReadOnlySpan<float> row, Span<byte> into)
    {
        int written = 0;
        foreach (float v in row)
        {
            written += PrintfFixed.Format(v, into[written..]);
            into[written++] = (byte)' ';
        }

        return written;
    }

    private static void WriteLittleEndian(Stream stream, ReadOnlySpan<float> row)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(row));
            return;
        }

        Span<byte> bytes = stackalloc byte[4];
        foreach (float v in row)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
            stream.Write(bytes);
        }
    }

    private static void WriteAscii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Embeddings;
using FastSgns.IO;

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

    /// <summary>Writes <paramref name="rows"/> of <paramref name="vectors"/> in the order given, or every row when null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(WordEmbeddings vectors, Stream stream, bool binary, IReadOnlyList<int>? rows)
    {
        EmbeddingMatrix matrix = vectors.Vectors;
        int count = rows?.Count ?? vectors.Count;
        var buffered = new BufferedStream(stream, 1 << 16);
        WriteAscii(buffered, $"{count} {vectors.Dim}\n");
        byte[] number = ArrayPool<byte>.Shared.Rent(64);
        byte[] word = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            for (int n = 0; n < count; n++)
            {
                int i = rows is null ? n : rows[n];
                string w = vectors.Word(i);
                if (Encoding.UTF8.GetMaxByteCount(w.Length) > word.Length)
                {
                    ArrayPool<byte>.Shared.Return(word);
                    word = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(w.Length));
                }

                int length = Encoding.UTF8.GetBytes(w, word);
                buffered.Write(word, 0, length);
                buffered.WriteByte((byte)' ');
                ReadOnlySpan<float> row = matrix.Row(i);
                if (binary)
                {
                    WriteLittleEndian(buffered, row);
                }
                else
                {
                    // word2vec.c prints each float promoted to double with "%lf ": six decimals.
                    int needed = row.Length * (PrintfFixed.MaxLength + 1);
                    if (needed > number.Length)
                    {
                        ArrayPool<byte>.Shared.Return(number);
                        number = ArrayPool<byte>.Shared.Rent(needed);
                    }

                    int written = 0;
                    foreach (float v in row)
                    {
                        written += PrintfFixed.Format(v, number.AsSpan(written));
                        number[written++] = (byte)' ';
                    }

                    buffered.Write(number, 0, written);
                }

                buffered.WriteByte((byte)'\n');
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(number);
            ArrayPool<byte>.Shared.Return(word);
        }

        buffered.Flush();
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

namespace FastSgns.Corpus;

/// <summary>
/// The corpus cut into pieces that threads can read independently, in reading order: each plain file cut at
/// whitespace into chunks of about <c>chunkBytes</c> (the cut <see cref="CorpusFiles.SplitAtWhitespace"/> makes, as
/// the parallel encoder cuts), each .gz file one streamed piece (a gzip stream cannot be entered in the middle).
/// Every file's last piece is marked, since a file's end closes its last sentence; a file's last piece is kept even
/// when empty, so that mark is never lost.
/// </summary>
internal static class CorpusChunks
{
    /// <summary>One piece: [Start, End) of plain file <see cref="File"/>, or (Streamed) all of a .gz file.</summary>
    internal readonly record struct Chunk(int File, long Start, long End, bool EndsFile, bool Streamed);

    public static List<Chunk> Plan(CorpusFiles files, long chunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkBytes);
        var chunks = new List<Chunk>();
        for (int file = 0; file < files.Count; file++)
        {
            if (!files.IsSplittable(file))
            {
                chunks.Add(new Chunk(file, -1, -1, EndsFile: true, Streamed: true));
                continue;
            }

            long length = files.TextLength(file);
            int parts = (int)Math.Clamp((length + chunkBytes - 1) / chunkBytes, 1, 1 << 24);
            long[] bounds = files.SplitAtWhitespace(file, parts);
            for (int p = 0; p < parts; p++)
            {
                bool last = p == parts - 1;
                if (bounds[p + 1] > bounds[p] || last)
                {
                    chunks.Add(new Chunk(file, bounds[p], bounds[p + 1], last, Streamed: false));
                }
            }
        }

        return chunks;
    }
}

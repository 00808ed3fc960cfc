using System.Runtime.InteropServices;

namespace FastSgns.Distributed;

/// <summary>
/// Every rank's state at a sync (its words, whether its workers are done, …), carried in the sync's row sum instead
/// of a collective of its own: each rank writes its fields into its own slot of a block that is zero elsewhere, as
/// 16-bit pieces (whole numbers single precision holds exactly; adding zeros leaves them exact), so the block summed
/// over the ranks holds every rank's fields side by side, bit for bit. One collective per sync instead of two: each
/// costs every rank a round of polls, and its latency is the term that grows with the number of nodes. A sync whose
/// rows are gathered rather than summed (<see cref="RowExchange"/>, bfloat16 changes) carries each rank's fields as
/// they are, at the head of its block (<see cref="WriteGathered"/>).
/// </summary>
internal sealed class SyncStates(int rank, int ranks, int fields)
{
    private const int PieceBits = 16;
    private const int Pieces = 3;

    /// <summary>A field must be at least 0 and below this (2^48; words are at most 2^40).</summary>
    public const long Limit = 1L << (PieceBits * Pieces);

    /// <summary>Floats of the block in the row sum.</summary>
    public int Length => ranks * fields * Pieces;

    /// <summary>This rank's fields, set before the exchange.</summary>
    public long[] Mine { get; } = new long[fields];

    /// <summary>Every rank's fields in rank order, after the exchange.</summary>
    public long[] All { get; } = new long[ranks * fields];

    /// <summary>Writes <see cref="Mine"/> into this rank's slot of <paramref name="block"/> and zeros everywhere else.</summary>
    public void Write(Span<float> block)
    {
        block[..Length].Clear();
        for (int f = 0; f < fields; f++)
        {
            long value = Mine[f];
            if (value is < 0 or >= Limit)
            {
                throw new InvalidOperationException($"a sync state field ({value}) is outside [0, 2^48).");
            }

            for (int p = 0; p < Pieces; p++)
            {
                block[((rank * fields) + f) * Pieces + p] = (value >> (p * PieceBits)) & 0xFFFF;
            }
        }
    }

    /// <summary>Reads every rank's fields from the summed <paramref name="block"/> into <see cref="All"/>.</summary>
    public void Read(ReadOnlySpan<float> block)
    {
        for (int i = 0; i < All.Length; i++)
        {
            long value = 0;
            for (int p = 0; p < Pieces; p++)
            {
                value |= (long)block[i * Pieces + p] << (p * PieceBits);
            }

            All[i] = value;
        }
    }

    /// <summary>16-bit values of this rank's fields at the head of its block in a gather.</summary>
    public int GatheredLength => fields * sizeof(long) / sizeof(ushort);

    /// <summary>Writes <see cref="Mine"/>, bit for bit, at the head of this rank's block of a gather.</summary>
    public void WriteGathered(Span<ushort> block) =>
        MemoryMarshal.AsBytes(Mine.AsSpan()).CopyTo(MemoryMarshal.AsBytes(block[..GatheredLength]));

    /// <summary>Reads every rank's fields from the heads of the gathered blocks, <paramref name="stride"/> values apart.</summary>
    public void ReadGathered(ReadOnlySpan<ushort> gathered, int stride)
    {
        for (int r = 0; r < ranks; r++)
        {
            MemoryMarshal.AsBytes(gathered.Slice(r * stride, GatheredLength)).CopyTo(MemoryMarshal.AsBytes(All.AsSpan(r * fields, fields)));
        }
    }
}

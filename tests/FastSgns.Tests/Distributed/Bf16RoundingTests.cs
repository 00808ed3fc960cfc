using System.Numerics;
using FastSgns.Distributed;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// The bfloat16 rounding of the changes a sync sends: to nearest, ties to even, for numbers; a NaN must arrive as a NaN
/// (rounding its payload up would carry into the sign bit and send −0, hiding a diverged row from the other ranks).
/// The vector path and the scalar path (the tail) must agree.
/// </summary>
public sealed class Bf16RoundingTests
{
    public static TheoryData<uint, ushort> Cases => new()
    {
        { 0x3F80_0000, 0x3F80 },  // 1
        { 0x3F80_8000, 0x3F80 },  // halfway, even below: stays
        { 0x3F81_8000, 0x3F82 },  // halfway, odd below: up to even
        { 0x3F80_8001, 0x3F81 },  // above halfway
        { 0xBF80_7FFF, 0xBF80 },  // below halfway, negative
        { 0x7F7F_FFFF, 0x7F80 },  // the largest float rounds to infinity, as nearest rounding does
        { 0x7F80_0000, 0x7F80 },  // +infinity stays
        { 0x7FC0_0000, 0x7FC0 },  // a quiet NaN
        { 0x7FFF_FFFF, 0x7FFF },  // a NaN whose payload would round into the sign bit
        { 0xFFFF_FFFF, 0xFFFF },  // the same, negative
        { 0x7F80_0001, 0x7FC0 },  // a signalling NaN with a payload only in the dropped bits stays a NaN (quieted)
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundsToNearestEven_AndKeepsNaNs(uint bits, ushort expected)
    {
        Assert.Equal(expected, RowAverager.ToBf16(BitConverter.UInt32BitsToSingle(bits)));
        Assert.Equal((uint)expected, RowAverager.RoundToBf16(new Vector<uint>(bits))[0]);
    }
}

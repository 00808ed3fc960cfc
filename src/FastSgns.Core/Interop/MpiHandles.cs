namespace FastSgns.Interop;

/// <summary>Open MPI's predefined handles (addresses of objects exported by libmpi) and the library's version line.</summary>
internal sealed record MpiHandles
{
    public required string Version { get; init; }

    public required nint CommWorld { get; init; }

    public required nint Float { get; init; }

    public required nint Int64 { get; init; }

    /// <summary>MPI_UINT16_T: the carrier of half-precision floats, which MPI 3 has no type for.</summary>
    public required nint UInt16 { get; init; }

    public required nint Byte { get; init; }

    public required nint Int { get; init; }

    public required nint Sum { get; init; }

    public required nint BitwiseOr { get; init; }

    public required nint Max { get; init; }
}

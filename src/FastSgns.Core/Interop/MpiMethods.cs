using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// The MPI calls FastSgns makes, source-generated against the system's libmpi, which <see cref="MpiLibrary"/> loads
/// at run time (the single-machine path never touches this class, so MPI need not be installed). Handles
/// (communicators, datatypes, operations, requests) are pointers, as in Open MPI's ABI; every call returns an MPI
/// error code, but MPI's default handler aborts the job on an error before any code comes back.
/// </summary>
internal static unsafe partial class MpiMethods
{
    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Get_library_version")]
    public static partial int GetLibraryVersion(byte* version, int* length);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Init_thread")]
    public static partial int InitThread(int* argc, byte*** argv, int required, int* provided);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Finalize")]
    public static partial int FinalizeCall();

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(nint comm, int* rank);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(nint comm, int* size);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Allreduce")]
    public static partial int Allreduce(void* send, void* receive, int count, nint datatype, nint op, nint comm);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Iallreduce")]
    public static partial int Iallreduce(void* send, void* receive, int count, nint datatype, nint op, nint comm, nint* request);

    /// <summary>status: null (MPI_STATUS_IGNORE).</summary>
    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Test")]
    public static partial int Test(nint* request, int* flag, void* status);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Allgather")]
    public static partial int Allgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Iallgather")]
    public static partial int Iallgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm, nint* request);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Allgatherv")]
    public static partial int Allgatherv(void* send, int sendCount, nint sendType, void* receive, int* receiveCounts, int* displacements, nint receiveType, nint comm);

    [LibraryImport(MpiLibrary.Name, EntryPoint = "MPI_Abort")]
    public static partial int Abort(nint comm, int errorCode);
}

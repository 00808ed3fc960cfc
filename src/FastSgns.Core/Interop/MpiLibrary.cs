using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;

namespace FastSgns.Interop;

/// <summary>
/// Finds and loads the system's MPI library (Open MPI's libmpi.so.40; FASTSGNS_LIBMPI names another file), checks
/// that it speaks Open MPI's ABI, and looks up the handles that ABI exports as global objects: MPI_COMM_WORLD is the
/// address of <c>ompi_mpi_comm_world</c>, MPI_FLOAT of <c>ompi_mpi_float</c>, MPI_SUM of <c>ompi_mpi_op_sum</c>.
/// MPICH and its derivatives encode handles as integers instead, so they are refused with one clear line rather than
/// called with the wrong handles.
/// </summary>
internal static class MpiLibrary
{
    /// <summary>The name in [LibraryImport]; no file has it, so the runtime asks the resolver registered by <see cref="Load"/>.</summary>
    public const string Name = "fastsgns_mpi";

    /// <summary>Names the library file to load instead of the default candidates.</summary>
    public const string PathVariable = "FASTSGNS_LIBMPI";

    public const int ThreadFunneled = 1;
    public const int ThreadSerialized = 2;
    public static readonly nint InPlace = 1;

    private static readonly string[] s_candidates = ["libmpi.so.40", "libmpi.so", "libmpi.40.dylib", "libmpi.dylib"];
    private static readonly Lock s_lock = new();
    private static MpiHandles? s_handles;
    private static nint s_library;

    /// <summary>
    /// Loads libmpi once and returns its handles. Throws <see cref="PlatformNotSupportedException"/> when no MPI
    /// library is found or when it is not Open MPI 4 or 5.
    /// </summary>
    public static MpiHandles Load()
    {
        lock (s_lock)
        {
            if (s_handles is not null)
            {
                return s_handles;
            }

            string? chosen = Environment.GetEnvironmentVariable(PathVariable);
            string[] candidates = chosen is { Length: > 0 } ? [chosen] : s_candidates;
            nint library = 0;
            foreach (string candidate in candidates)
            {
                if (NativeLibrary.TryLoad(candidate, out library))
                {
                    break;
                }
            }

            if (library == 0)
            {
                throw new PlatformNotSupportedException(
                    $"distributed training needs an MPI library, and none was found ({string.Join(", ", candidates)}): install Open MPI (Debian: openmpi-bin) or set {PathVariable} to its libmpi.");
            }

            if (!NativeLibrary.TryGetExport(library, "MPI_Get_library_version", out _))
            {
                NativeLibrary.Free(library);
                throw new PlatformNotSupportedException($"{(chosen is { Length: > 0 } ? chosen : "the library found")} is not an MPI library (it has no MPI_Get_library_version); point {PathVariable} at Open MPI's libmpi.");
            }

            s_library = library;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
            string version = LibraryVersion();
            if (!IsSupported(version))
            {
                throw new PlatformNotSupportedException(
                    $"distributed training supports Open MPI 4 and 5 (libmpi.so.40), but the MPI library found reports \"{FirstLine(version)}\"; point {PathVariable} at an Open MPI libmpi.");
            }

            s_handles = new MpiHandles
            {
                Version = FirstLine(version),
                CommWorld = Export(library, "ompi_mpi_comm_world"),
                Float = Export(library, "ompi_mpi_float"),
                Int64 = Export(library, "ompi_mpi_int64_t"),
                UInt16 = Export(library, "ompi_mpi_uint16_t"),
                Byte = Export(library, "ompi_mpi_byte"),
                Int = Export(library, "ompi_mpi_int"),
                Sum = Export(library, "ompi_mpi_op_sum"),
                BitwiseOr = Export(library, "ompi_mpi_op_bor"),
                Max = Export(library, "ompi_mpi_op_max"),
            };
            return s_handles;
        }
    }

    /// <summary>True for the version strings of the Open MPI releases whose handles are exported objects (4.x, 5.x).</summary>
    internal static bool IsSupported(string version) =>
        version.StartsWith("Open MPI v4.", StringComparison.Ordinal) || version.StartsWith("Open MPI v5.", StringComparison.Ordinal);

    private static unsafe string LibraryVersion()
    {
        // MPI_MAX_LIBRARY_VERSION_STRING is 256 in Open MPI, 8192 in MPICH: the larger buffer is safe for both.
        byte* buffer = stackalloc byte[8192];
        int length = 0;
        MpiMethods.GetLibraryVersion(buffer, &length);
        return Encoding.UTF8.GetString(buffer, Math.Clamp(length, 0, 8192)).TrimEnd('\0');
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd(',');

    private static nint Export(nint library, string symbol) =>
        NativeLibrary.TryGetExport(library, symbol, out nint address)
            ? address
            : throw new PlatformNotSupportedException($"the MPI library has no symbol {symbol}: it is not Open MPI 4 or 5.");

    private static nint Resolve(Assembly assembly, string name) => name == Name ? s_library : 0;
}

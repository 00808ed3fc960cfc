using System.Reflection;
using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// Every P/Invoke of FastSgns, source-generated, with fixed-width types and pointer + length pairs; the contracts are
/// in native/include/fastsgns_native.h. The library is optional: the first call that cannot find it throws
/// <see cref="DllNotFoundException"/>, which <see cref="Kernels.NativeKernel"/> turns into "not supported".
/// </summary>
internal static unsafe partial class NativeMethods
{
    static NativeMethods() => NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.AbiVersion)]
    public static partial int AbiVersion();

    /// <summary>Trains <paramref name="pairCount"/> pairs in order; returns their summed loss.</summary>
    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainPairs)]
    public static partial float TrainPairs(NativeContext* context, int* inputs, long pairCount, int* targets, int negatives, float alpha);

    /// <summary>Trains <paramref name="batchCount"/> shared-negative batches in order; returns their summed loss.</summary>
    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainBatches)]
    public static partial float TrainBatches(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int negatives, float alpha);

    /// <summary>1 when this CPU and OS can run the path, else 0.</summary>
    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.PathSupported)]
    public static partial int PathSupported(int path);

    /// <summary>Forces a path (or <see cref="NativeLibraryNames.AutoPath"/>); returns the active path, or −1 when unsupported.</summary>
    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.SetPath)]
    public static partial int SetPath(int path);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.GetPath)]
    public static partial int GetPath();

    /// <summary>
    /// Looks for the library next to this assembly, then under runtimes/&lt;rid&gt;/native/ beside it (the NuGet
    /// layout); otherwise the runtime's default probing decides.
    /// </summary>
    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeLibraryNames.Library)
        {
            return IntPtr.Zero;
        }

        string directory = Path.GetDirectoryName(assembly.Location) is { Length: > 0 } location ? location : AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(directory, NativeLibraryNames.FileName),
            Path.Combine(directory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", NativeLibraryNames.FileName),
        ];
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out IntPtr handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}

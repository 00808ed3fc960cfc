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

    /// <summary>1 when this CPU and OS can run the <see cref="NativePath"/>, else 0.</summary>
    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.CpuSupports)]
    public static partial int CpuSupports(int path);

    // One export per path and mode: the path is chosen by which one is called. Each trains its pairs (or batches) in
    // order, writes their summed loss to *loss and returns a NativeStatus.
    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainPairsScalar)]
    public static partial int TrainPairsScalar(NativeContext* context, int* inputs, long pairCount, int* targets, int negatives, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainPairsAvx2)]
    public static partial int TrainPairsAvx2(NativeContext* context, int* inputs, long pairCount, int* targets, int negatives, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainPairsAvx512)]
    public static partial int TrainPairsAvx512(NativeContext* context, int* inputs, long pairCount, int* targets, int negatives, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainBatchesScalar)]
    public static partial int TrainBatchesScalar(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int negatives, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainBatchesAvx2)]
    public static partial int TrainBatchesAvx2(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int negatives, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainBatchesAvx512)]
    public static partial int TrainBatchesAvx512(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int negatives, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainLabeledBatchesScalar)]
    public static partial int TrainLabeledBatchesScalar(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int* targetOffsets, float* labels, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainLabeledBatchesAvx2)]
    public static partial int TrainLabeledBatchesAvx2(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int* targetOffsets, float* labels, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainLabeledBatchesAvx512)]
    public static partial int TrainLabeledBatchesAvx512(NativeContext* context, int* contexts, int* offsets, long batchCount, int* targets, int* targetOffsets, float* labels, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainHiddenScalar)]
    public static partial int TrainHiddenScalar(NativeContext* context, NativeHiddenBatch* batch, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainHiddenAvx2)]
    public static partial int TrainHiddenAvx2(NativeContext* context, NativeHiddenBatch* batch, float alpha, float* loss);

    [LibraryImport(NativeLibraryNames.Library, EntryPoint = NativeLibraryNames.TrainHiddenAvx512)]
    public static partial int TrainHiddenAvx512(NativeContext* context, NativeHiddenBatch* batch, float alpha, float* loss);

    /// <summary>
    /// Looks for the library next to this assembly (a build's output), then under runtimes/&lt;rid&gt;/native/ beside
    /// it, with the portable RID (linux-x64: how the dotnet tool carries it) and this runtime's own (which a
    /// distribution's .NET may name ubuntu.24.04-x64); otherwise the runtime's default probing decides, which finds it
    /// through the deps.json of an app that references the FastSgns package.
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
            Path.Combine(directory, "runtimes", NativeLibraryNames.PortableRuntimeIdentifier, "native", NativeLibraryNames.FileName),
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

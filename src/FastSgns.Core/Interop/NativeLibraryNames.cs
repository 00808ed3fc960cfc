using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// Every name the managed side uses to reach native/ (see native/include/fastsgns_native.h): the library, its
/// exports, its ABI version and its instruction-set paths.
/// </summary>
internal static class NativeLibraryNames
{
    /// <summary>The name in [LibraryImport]; the resolver maps it to <see cref="FileName"/>.</summary>
    public const string Library = "fastsgns_native";

    public const string AbiVersion = "fsg_abi_version";
    public const string CpuSupports = "fsg_cpu_supports";
    public const string TrainPairsScalar = "fsg_train_pairs_scalar";
    public const string TrainPairsAvx2 = "fsg_train_pairs_avx2";
    public const string TrainPairsAvx512 = "fsg_train_pairs_avx512";
    public const string TrainBatchesScalar = "fsg_train_batches_scalar";
    public const string TrainBatchesAvx2 = "fsg_train_batches_avx2";
    public const string TrainBatchesAvx512 = "fsg_train_batches_avx512";
    public const string TrainLabeledBatchesScalar = "fsg_train_labeled_batches_scalar";
    public const string TrainLabeledBatchesAvx2 = "fsg_train_labeled_batches_avx2";
    public const string TrainLabeledBatchesAvx512 = "fsg_train_labeled_batches_avx512";
    public const string TrainHiddenScalar = "fsg_train_hidden_scalar";
    public const string TrainHiddenAvx2 = "fsg_train_hidden_avx2";
    public const string TrainHiddenAvx512 = "fsg_train_hidden_avx512";

    /// <summary>FSG_ABI_VERSION of the header this assembly was written against; another version is not loaded.</summary>
    public const int ExpectedAbiVersion = 5;

    /// <summary>The registry name of a path's kernel: native-scalar, native-avx2, native-avx512.</summary>
    public static string KernelName(NativePath path) => path switch
    {
        NativePath.Scalar => "native-scalar",
        NativePath.Avx2 => "native-avx2",
        NativePath.Avx512 => "native-avx512",
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown native path."),
    };

    /// <summary>The portable runtime identifier of this process (linux-x64, osx-arm64, win-x64), as NuGet's runtimes/ folders name it.</summary>
    public static string PortableRuntimeIdentifier =>
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" +
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    /// <summary>The file the build produces on this operating system.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? Library + ".dll"
        : OperatingSystem.IsMacOS() ? "lib" + Library + ".dylib"
        : "lib" + Library + ".so";
}

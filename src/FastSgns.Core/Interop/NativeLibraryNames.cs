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
    public const string TrainPairs = "fsg_train_pairs";
    public const string TrainBatches = "fsg_train_batches";
    public const string PathSupported = "fsg_path_supported";
    public const string SetPath = "fsg_set_path";
    public const string GetPath = "fsg_get_path";

    /// <summary>FSG_ABI_VERSION of the header this assembly was written against; another version is not loaded.</summary>
    public const int ExpectedAbiVersion = 2;

    /// <summary>FSG_PATH_AUTO: let the library pick the widest path the CPU supports.</summary>
    public const int AutoPath = -1;

    /// <summary>Path names indexed by FSG_PATH_SCALAR, FSG_PATH_AVX2, FSG_PATH_AVX512.</summary>
    public static ReadOnlySpan<string> PathNames => s_pathNames;

    private static readonly string[] s_pathNames = ["scalar", "avx2", "avx512"];

    /// <summary>The file the build produces on this operating system.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? Library + ".dll"
        : OperatingSystem.IsMacOS() ? "lib" + Library + ".dylib"
        : "lib" + Library + ".so";
}

using System.Runtime.Intrinsics;
using FastSgns.Interop;

namespace FastSgns.Kernels;

/// <summary>
/// The kernels this build knows, fastest first, and the runtime choice among them. <c>FASTSGNS_KERNEL</c> (or an
/// explicit name) forces one; asking for a kernel this machine cannot run is an error, never a silent fallback.
/// The native (C, P/Invoke) kernel is a yardstick for the managed ones: it is listed but auto never picks it.
/// </summary>
internal static class KernelRegistry
{
    public const string EnvironmentVariable = "FASTSGNS_KERNEL";

    // Fastest first; auto takes the first supported one. A native kernel slots in wherever it measures.
    private static readonly Lazy<IReadOnlyList<ISgnsKernel>> s_all = new(() =>
    [
        new VectorKernel<Avx512Ops, Vector512<float>>(),
        new VectorKernel<Avx2Ops, Vector256<float>>(),
        new VectorKernel<Vector128Ops, Vector128<float>>(),
        new ScalarKernel(),
        new NativeKernel(NativePath.Avx512),
        new NativeKernel(NativePath.Avx2),
        new NativeKernel(NativePath.Scalar),
    ]);

    /// <summary>Every kernel, supported or not, fastest first.</summary>
    public static IReadOnlyList<ISgnsKernel> All => s_all.Value;

    public static IEnumerable<ISgnsKernel> Supported => All.Where(k => k.IsSupported);

    public static IReadOnlyList<string> Names => [.. All.Select(k => k.Name), "auto"];

    /// <summary>Whether <paramref name="name"/> names a kernel of this build, supported here or not, or auto (also null or blank, as in <see cref="Resolve"/>).</summary>
    public static bool IsKnown(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Equals("auto", StringComparison.OrdinalIgnoreCase) || All.Any(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Resolves a kernel name; null or "auto" defer to the environment variable, and without it to the fastest
    /// supported managed kernel (never <see cref="NativeKernel"/>, which only an explicit name selects).
    /// </summary>
    public static ISgnsKernel Resolve(string? name = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            name = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Supported.First(k => k is not NativeKernel);
        }

        ISgnsKernel kernel = All.FirstOrDefault(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown kernel \"{name}\"; expected one of {string.Join(", ", Names)}.");
        return kernel.IsSupported
            ? kernel
            : throw new PlatformNotSupportedException(kernel is NativeKernel native
                ? $"The {native.Name} kernel is unavailable: {native.UnsupportedReason}"
                : $"The {kernel.Name} kernel is not supported on this machine (CPU, runtime switches or missing native library).");
    }
}

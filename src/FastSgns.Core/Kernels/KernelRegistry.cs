using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
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

    // Fastest first; auto takes the first supported one (but see ChooseAuto). A native kernel slots in wherever it measures.
    // avx512 stays ahead of avx2 also where 512-bit FMAs add no flops: on AMD Zen 4, which runs each 512-bit operation
    // as two 256-bit halves (the measured FMA peak is the same at both widths), avx512 still measured faster or level
    // in every kernel family, as fewer instructions do the same work (bench/results/roofline-zen4-2026-11-29.md:
    // batched 0.97–1.26×, per pair 1.11–1.30× in the kernel benchmark; CBOW and hierarchical softmax end to end).
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
    /// Whether this CPU fuses multiply-add in hardware at 128 bits: FMA3 on x64, always on ARM64 (AdvSimd). Without it
    /// the runtime emulates <c>Vector128.FusedMultiplyAdd</c> lane by lane.
    /// </summary>
    public static bool HardwareFusedMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>
    /// Auto's choice from what the machine reports: the first of <paramref name="supportedManaged"/> (managed kernels
    /// this machine runs, fastest first), except vector128 when <paramref name="hardwareFusedMultiplyAdd"/> is false.
    /// Its batched update must fuse (the <see cref="IBatchedSgnsKernel"/> contract), and emulated, that made it slower
    /// than scalar (bench/results/kernel-generic-disasm-2026-11-28.md: 43.8 s against 27.3 s), so such x64 CPUs get
    /// scalar. avx512 and avx2 fuse in hardware wherever they are supported.
    /// </summary>
    public static string ChooseAuto(IReadOnlyList<string> supportedManaged, bool hardwareFusedMultiplyAdd)
    {
        string? chosen = supportedManaged.FirstOrDefault(name => hardwareFusedMultiplyAdd || name != Vector128Ops.Name);
        return chosen ?? throw new InvalidOperationException("No managed kernel is supported; the scalar kernel runs everywhere, so the registry is broken.");
    }

    /// <summary>
    /// Resolves a kernel name; null or "auto" defer to the environment variable, and without it to the fastest
    /// supported managed kernel as <see cref="ChooseAuto"/> rules (never <see cref="NativeKernel"/>, which only an explicit
    /// name selects).
    /// </summary>
    public static ISgnsKernel Resolve(string? name = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            name = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            string chosen = ChooseAuto([.. Supported.Where(k => k is not NativeKernel).Select(k => k.Name)], HardwareFusedMultiplyAdd);
            return All.First(k => k.Name == chosen);
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

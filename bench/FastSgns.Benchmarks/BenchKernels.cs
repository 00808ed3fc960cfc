using FastSgns.Kernels;

namespace FastSgns.Benchmarks;

/// <summary>The kernels the kernel benchmarks run: registry names, narrowed by an environment variable.</summary>
internal static class BenchKernels
{
    /// <summary>Comma-separated registry names, e.g. <c>avx512,vector128</c>; unset means every one this machine runs.</summary>
    public const string EnvironmentVariable = "FASTSGNS_BENCH_KERNELS";

    /// <summary>
    /// The registry names of the kernels this machine runs, fastest first, that <see cref="EnvironmentVariable"/>
    /// names (all when unset). A name the registry does not know or this machine cannot run is an error, not a gap.
    /// </summary>
    public static IEnumerable<string> Names(Func<ISgnsKernel, bool>? where = null)
    {
        string? chosen = Environment.GetEnvironmentVariable(EnvironmentVariable);
        IEnumerable<ISgnsKernel> kernels = string.IsNullOrWhiteSpace(chosen)
            ? KernelRegistry.Supported
            : chosen.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(name => KernelRegistry.Resolve(name));
        return [.. kernels.Where(where ?? (_ => true)).Select(k => k.Name)];
    }
}

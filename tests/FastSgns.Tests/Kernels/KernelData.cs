using FastSgns.Kernels;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// Theory data for the kernel tests: every entry of <see cref="KernelRegistry.All"/>, managed and native, supported
/// here or not (<see cref="Require"/> records the ones this machine cannot run as skipped, with the reason), plus
/// the test-only <see cref="PortableVector128Ops"/> kernel; and the dims and M values the cases sweep.
/// </summary>
public static class KernelData
{
    /// <summary>The reference every other kernel is compared with (never with itself).</summary>
    public const string Reference = "scalar";

    /// <summary>Every dim from 1 to 64, then a spread around vector widths and common sizes up to 320.</summary>
    public static readonly int[] Dims =
        [.. Enumerable.Range(1, 64), 65, 71, 79, 80, 95, 96, 97, 100, 111, 127, 128, 129, 160, 200, 255, 256, 257, 300, 319, 320];

    /// <summary>M values: none, around the 4-row dot blocks and the 4- and 8-lane sigmoid groups, up to 25.</summary>
    public static readonly int[] Negatives = [0, 1, 3, 4, 5, 7, 8, 15, 16, 25];

    // Kernels that fuse the per-pair update's multiply-adds, so even with exact dots they match the reference within a
    // tolerance, not bit for bit. None now: the C SIMD paths run the managed kernels' unfused update since 2026-11-28.
    private static readonly HashSet<string> s_fusedPairUpdate = [];

    // The C scalar path is the reference line for line: bit for bit even where other kernels' dots round.
    private static readonly HashSet<string> s_referenceArithmetic = ["native-scalar"];

    private static readonly ISgnsKernel s_portable = new VectorKernel<PortableVector128Ops, System.Runtime.Intrinsics.Vector128<float>>();

    /// <summary>Every kernel the tests know: the registry's, then the portable Vector128 one.</summary>
    internal static IEnumerable<ISgnsKernel> All => [.. KernelRegistry.All, s_portable];

    public static TheoryData<string> Kernels => [.. All.Select(k => k.Name)];

    /// <summary>The registry's kernels alone, for what goes through training options (which name registry kernels).</summary>
    public static TheoryData<string> RegistryKernels => [.. KernelRegistry.All.Select(k => k.Name)];

    public static TheoryData<string> ComparedKernels => [.. All.Select(k => k.Name).Where(n => n != Reference)];

    public static TheoryData<string, int> ComparedKernelsAndDims
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string kernel in ComparedKernels)
            {
                foreach (int dim in Dims)
                {
                    data.Add(kernel, dim);
                }
            }

            return data;
        }
    }

    /// <summary>The named kernel; skips the running test, saying why, when this machine cannot run it.</summary>
    internal static ISgnsKernel Require(string name)
    {
        ISgnsKernel kernel = All.Single(k => k.Name == name);
        if (!kernel.IsSupported)
        {
            if (kernel is NativeKernel native)
            {
                if (!NativeKernel.IsAvailable)
                {
                    // Not a platform limit: the C library is missing (no cmake or compiler), which CI must not accept.
                    RequiredInCi.Missing("native kernel", $"kernel {name} cannot run here: {NativeKernel.UnavailableReason}");
                }

                Assert.Skip($"kernel {name} cannot run here: {native.UnsupportedReason ?? "unavailable"}");
            }

            Assert.Skip($"kernel {name} cannot run here: this CPU or the runtime's ISA switches do not allow it");
        }

        return kernel;
    }

    internal static IBatchedSgnsKernel RequireBatched(string name) =>
        Require(name) as IBatchedSgnsKernel ?? throw new InvalidOperationException($"kernel {name} has no batched mode");

    /// <summary>Relative tolerance on a pair update with exact dots: 0 (bit for bit) unless the kernel fuses it.</summary>
    internal static double ExactDotsPairTolerance(string name) => s_fusedPairUpdate.Contains(name) ? 1e-5 : 0;

    /// <summary>The given tolerance, or 0 for a kernel that does the reference's arithmetic step for step.</summary>
    internal static double SharedRowsTolerance(string name, double tolerance) => s_referenceArithmetic.Contains(name) ? 0 : tolerance;
}

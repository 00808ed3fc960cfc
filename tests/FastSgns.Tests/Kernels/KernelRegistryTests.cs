using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

public sealed class KernelRegistryTests
{
    /// <summary>The kernel auto should pick in this process, from the runtime's own flags.</summary>
    internal static string ExpectedAuto =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx2.IsSupported ? "avx512"
        : Avx2.IsSupported && Fma.IsSupported ? "avx2"
        : Vector128.IsHardwareAccelerated ? "vector128"
        : "scalar";

    [Fact]
    public void Auto_PicksFastestSupported_OnThisMachine()
    {
        Assert.Equal(ExpectedAuto, KernelRegistry.Supported.First().Name);
        Assert.SkipWhen(Environment.GetEnvironmentVariable(KernelRegistry.EnvironmentVariable) is not null,
            $"{KernelRegistry.EnvironmentVariable} is set, so auto defers to it");
        Assert.Equal(ExpectedAuto, KernelRegistry.Resolve().Name);
        Assert.Equal(ExpectedAuto, KernelRegistry.Resolve("auto").Name);
    }

    [Fact]
    public void All_ListsManagedKernelsFastestFirst_ThenTheNativeYardstick()
    {
        Assert.Equal(["avx512", "avx2", "vector128", "scalar", "native-avx512", "native-avx2", "native-scalar"], KernelRegistry.All.Select(k => k.Name));
    }

    [Theory]
    [MemberData(nameof(KernelData.RegistryKernels), MemberType = typeof(KernelData))]
    public void Resolve_ReturnsNamedKernel_WhenSupported(string name)
    {
        KernelData.Require(name);
        Assert.Equal(name, KernelRegistry.Resolve(name.ToUpperInvariant()).Name);
    }

    [Fact]
    public void Resolve_Throws_WhenNameIsUnknown()
    {
        Assert.Throws<ArgumentException>(() => KernelRegistry.Resolve("avx1024"));
    }

    [Fact]
    public void Resolve_Throws_WhenKernelIsUnsupported()
    {
        ISgnsKernel? unsupported = KernelRegistry.All.FirstOrDefault(k => !k.IsSupported);
        Assert.SkipWhen(unsupported is null, "every kernel is supported here");
        Assert.Throws<PlatformNotSupportedException>(() => KernelRegistry.Resolve(unsupported!.Name));
    }
}

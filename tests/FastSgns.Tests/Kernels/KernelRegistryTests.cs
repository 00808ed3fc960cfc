using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

public sealed class KernelRegistryTests
{
    /// <summary>The kernel auto should pick in this process, from the runtime's own flags.</summary>
    internal static string ExpectedAuto =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx2.IsSupported ? "avx512"
        : Avx2.IsSupported && Fma.IsSupported ? "avx2"
        : Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.IsSupported) ? "vector128"
        : "scalar";

    [Fact]
    public void Auto_PicksFastestSupported_OnThisMachine()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(KernelRegistry.EnvironmentVariable) is not null,
            $"{KernelRegistry.EnvironmentVariable} is set, so auto defers to it");
        Assert.Equal(ExpectedAuto, KernelRegistry.Resolve().Name);
        Assert.Equal(ExpectedAuto, KernelRegistry.Resolve("auto").Name);
    }

    [Theory]
    [InlineData(new[] { "avx512", "avx2", "vector128", "scalar" }, true, "avx512")]
    [InlineData(new[] { "avx2", "vector128", "scalar" }, true, "avx2")]
    [InlineData(new[] { "vector128", "scalar" }, true, "vector128")] // ARM64 (AdvSimd), or x64 with FMA but no AVX2
    [InlineData(new[] { "vector128", "scalar" }, false, "scalar")] // x64 without FMA: emulated fusing loses to scalar
    [InlineData(new[] { "scalar" }, false, "scalar")]
    public void ChooseAuto_SkipsVector128_OnlyWithoutHardwareFusedMultiplyAdd(string[] supported, bool hardwareFma, string expected)
    {
        Assert.Equal(expected, KernelRegistry.ChooseAuto(supported, hardwareFma));
    }

    [Fact]
    public void ChooseAuto_Throws_WhenNothingIsSupported()
    {
        Assert.Throws<InvalidOperationException>(() => KernelRegistry.ChooseAuto([], hardwareFusedMultiplyAdd: true));
    }

    [Fact]
    public void Auto_FollowsTheRule_WithThisMachinesCapabilities()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(KernelRegistry.EnvironmentVariable) is not null,
            $"{KernelRegistry.EnvironmentVariable} is set, so auto defers to it");
        string[] managed = [.. KernelRegistry.Supported.Where(k => k is not NativeKernel).Select(k => k.Name)];
        Assert.Equal(KernelRegistry.ChooseAuto(managed, KernelRegistry.HardwareFusedMultiplyAdd), KernelRegistry.Resolve().Name);
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

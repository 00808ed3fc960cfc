using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// The runtime's ISA switches and FASTSGNS_KERNEL, end to end: the CLI (copied next to the tests by the project
/// reference) runs a tiny demo in a child process and must report the kernel the switch leaves.
/// </summary>
public sealed class KernelSwitchTests
{
    private static readonly string s_cli = Path.Combine(AppContext.BaseDirectory, "fastsgns.dll");

    public static TheoryData<string, string, string> Switches => new()
    {
        { "", "", KernelRegistryTests.ExpectedAuto },
        { "DOTNET_EnableAVX512", "0", Avx2.IsSupported && Fma.IsSupported ? "avx2" : Vector128.IsHardwareAccelerated && Fma.IsSupported ? "vector128" : "scalar" },

        // .NET 10 switches FMA off with AVX2 (one group), so both leave x64 without hardware FMA: auto takes scalar
        // there (KernelRegistry.ChooseAuto). vector128's portable tails and gathers are tested in-process (PortableVector128Ops).
        { "DOTNET_EnableAVX2", "0", "scalar" },
        { "DOTNET_EnableAVX", "0", "scalar" },
        { "DOTNET_EnableHWIntrinsic", "0", "scalar" },
        { KernelRegistry.EnvironmentVariable, "scalar", "scalar" },
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public async Task Demo_ReportsExpectedKernel_UnderSwitch(string variable, string value, string expected)
    {
        Assert.True(File.Exists(s_cli), $"{s_cli} is missing; the test project references the CLI so it should be copied");
        var start = new ProcessStartInfo(DotnetHost(), [s_cli, "demo", "--sentences", "3000", "--threads", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // Inherited switches would change what the child sees; only the one under test may apply.
        foreach (string inherited in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase) || k == KernelRegistry.EnvironmentVariable).ToList())
        {
            start.Environment.Remove(inherited);
        }

        if (variable.Length > 0)
        {
            start.Environment[variable] = value;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        using Process process = Process.Start(start)!;
        string output, error;
        try
        {
            Task<string> errorTask = process.StandardError.ReadToEndAsync(timeout.Token);
            output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            error = await errorTask;
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {output}{error}");
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("train: kernel ", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.Equal(expected, line["train: kernel ".Length..].Split(',')[0]);
    }

    /// <summary>The dotnet host running these tests (the test binary itself is an apphost, not the host).</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        string name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}

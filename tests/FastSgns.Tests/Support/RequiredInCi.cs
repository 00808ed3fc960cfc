using System.Diagnostics.CodeAnalysis;

namespace FastSgns.Tests.Support;

/// <summary>
/// Skips CI must not accept. A test group CI is set up to run — gensim interop, the native C kernel, the ../shared
/// data (evaluation sets, wiki40m), the repository's sources beside the binaries, the dotnet tool, Open MPI's mpirun
/// (train --distributed) — skips on a
/// developer's machine that lacks it, but fails the run under CI (.ci/run sets FASTSGNS_REQUIRE_ALL=1; CI runners
/// set CI=true), so a green CI cannot hide a whole group that never ran. FASTSGNS_REQUIRE_ALL=0 turns it off.
/// Skips for cases that do not apply on this machine stay skips everywhere, with Assert.Skip directly: file
/// permissions as root, POSIX signals on Windows, a CPU without AVX2 or a native path, "every kernel is supported
/// here", FASTSGNS_KERNEL forcing a kernel, too little disk for the sparse 5 GB file, madvise or statx off Linux.
/// </summary>
public static class RequiredInCi
{
    public const string Variable = "FASTSGNS_REQUIRE_ALL";

    public static bool Enforced => IsEnforced(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable("CI"));

    internal static bool IsEnforced(string? requireAll, string? ci) => requireAll switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1",
    };

    /// <summary>Skips with <paramref name="reason"/>, or fails naming <paramref name="group"/> when CI requires every group.</summary>
    [DoesNotReturn]
    public static void Missing(string group, string reason)
    {
        if (FailureFor(group, reason, Enforced) is { } failure)
        {
            Assert.Fail(failure);
        }

        Assert.Skip(reason);
    }

    /// <summary>The failure message when <paramref name="enforced"/>, else null (skip).</summary>
    internal static string? FailureFor(string group, string reason, bool enforced) =>
        enforced ? $"{group} must run in CI ({Variable}=1 or CI=true), but: {reason}" : null;
}

using System.Diagnostics;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// Runs the CLI under Open MPI's mpirun on this machine: ranks oversubscribed on loopback TCP, not bound to cores,
/// allowed as root (CI runs as root). Without mpirun the tests skip on a developer's machine and fail under CI.
/// </summary>
internal static class MpiJob
{
    public const string Group = "MPI (Open MPI's mpirun and libmpi)";

    /// <summary>One application context of an MPMD launch: its ranks, the CLI's arguments, its working directory and environment.</summary>
    public sealed record App(int Ranks, IReadOnlyList<string> Arguments, string? Directory = null, IReadOnlyDictionary<string, string>? Environment = null);

    public static string? Mpirun { get; } = Find("mpirun");

    public static void Require()
    {
        if (Mpirun is null)
        {
            RequiredInCi.Missing(Group, "mpirun is not on PATH (Debian: apt-get install openmpi-bin libopenmpi-dev)");
        }
    }

    public static ExternalProcess.Result Run(int ranks, params string[] arguments) => Run([new App(ranks, arguments)]);

    /// <summary>mpirun with one application context per <see cref="App"/> (separated by ':').</summary>
    public static ExternalProcess.Result Run(IReadOnlyList<App> apps, int timeoutSeconds = 240)
    {
        using var process = Process.Start(StartInfo(apps))!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mpirun {string.Join(' ', process.StartInfo.ArgumentList)} did not finish in {timeoutSeconds} s.");
        }

        return new ExternalProcess.Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Starts the job and sends mpirun SIGINT (which it forwards to every rank, as Ctrl+C would) once rank 0 prints a
    /// line starting with <paramref name="trigger"/>; returns the exit code and stderr.
    /// </summary>
    public static ExternalProcess.Result RunAndInterrupt(int ranks, string[] arguments, string trigger, int timeoutSeconds = 240, TimeSpan delay = default) =>
        RunAndAct(ranks, arguments, trigger, mpirun =>
        {
            Thread.Sleep(delay);
            Signal("-INT", mpirun.Id);
        }, quiet: true, timeoutSeconds);

    /// <summary>
    /// Starts the job (without mpirun's --quiet, so its own report of a dead rank is seen) and, once rank 0 prints a
    /// line starting with <paramref name="trigger"/>, kills one rank (a child of mpirun) with SIGKILL, as a crash or the
    /// out-of-memory killer would; returns the exit code and stderr.
    /// </summary>
    public static ExternalProcess.Result RunAndKillOneRank(int ranks, string[] arguments, string trigger, int timeoutSeconds = 240) =>
        RunAndAct(ranks, arguments, trigger, mpirun =>
        {
            int[] children = Children(mpirun.Id);
            Assert.True(children.Length == ranks, $"mpirun {mpirun.Id} has {children.Length} children, expected {ranks} ranks");
            Signal("-KILL", children[^1]);
        }, quiet: false, timeoutSeconds);

    private static ExternalProcess.Result RunAndAct(int ranks, string[] arguments, string trigger, Action<Process> act, bool quiet, int timeoutSeconds) =>
        TriggeredProcess.Run(StartInfo([new App(ranks, arguments)], quiet), line => line.Contains(trigger, StringComparison.Ordinal), trigger,
            TimeSpan.FromSeconds(timeoutSeconds), act, "the trigger", TimeSpan.FromSeconds(timeoutSeconds));

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (mpirun's ranks on this machine), lowest id first.</summary>
    private static int[] Children(int pid)
    {
        var start = new ProcessStartInfo("ps", ["-o", "pid=", "--ppid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
        using var ps = Process.Start(start)!;
        string text = ps.StandardOutput.ReadToEnd();
        ps.WaitForExit();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).Order()];
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<App> apps, bool quiet = true)
    {
        Require();
        var start = new ProcessStartInfo(Mpirun!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        if (quiet)
        {
            start.ArgumentList.Add("--quiet");
        }

        foreach (string option in (string[])["--oversubscribe", "--bind-to", "none", "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo"])
        {
            start.ArgumentList.Add(option);
        }

        for (int a = 0; a < apps.Count; a++)
        {
            if (a > 0)
            {
                start.ArgumentList.Add(":");
            }

            App app = apps[a];
            start.ArgumentList.Add("-np");
            start.ArgumentList.Add(app.Ranks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (app.Directory is not null)
            {
                start.ArgumentList.Add("-wdir");
                start.ArgumentList.Add(app.Directory);
            }

            foreach ((string name, string value) in app.Environment ?? new Dictionary<string, string>())
            {
                start.ArgumentList.Add("-x");
                start.ArgumentList.Add($"{name}={value}");
            }

            start.ArgumentList.Add(ExternalProcess.Dotnet);
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fastsgns.dll"));
            foreach (string argument in app.Arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        return start;
    }

    /// <summary>
    /// How many times <paramref name="fragment"/> occurs in <paramref name="text"/>: mpirun merges the ranks' stderr, so
    /// two ranks' lines written at the same moment can share one line of its output.
    /// </summary>
    public static int Lines(string text, string fragment) => text.Split(fragment).Length - 1;

    private static string? Find(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

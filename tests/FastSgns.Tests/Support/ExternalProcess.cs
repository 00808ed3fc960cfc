using System.Diagnostics;

namespace FastSgns.Tests;

/// <summary>Runs a program to completion with a timeout, capturing both streams.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>True if the program starts and exits with 0; false if it is missing or fails.</summary>
    public static bool Succeeds(string fileName, params string[] arguments)
    {
        try
        {
            return Run(fileName, arguments, TimeSpan.FromSeconds(60)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The dotnet host running these tests, so child processes use the same SDK and runtime.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs the fastsgns CLI built beside the tests (its assembly is copied into the test output).</summary>
    public static Result Cli(params string[] arguments) =>
        Run(Dotnet, [Path.Combine(AppContext.BaseDirectory, "fastsgns.dll"), .. arguments], TimeSpan.FromSeconds(120));
}

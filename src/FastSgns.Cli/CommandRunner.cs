using System.Runtime.InteropServices;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// Runs a command body, turning expected failures into one clear line on stderr and an exit code. Ctrl+C (SIGINT)
/// and SIGTERM cancel the body's token; training then saves a checkpoint and exits with <see cref="ExitCodes.Interrupted"/>.
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<CancellationToken, int> body)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using PosixSignalRegistration? onTerminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            return body(cancellation.Token);
        }
        catch (SilentExitException e)
        {
            return e.ExitCode;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"fastsgns: error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (TrainingInterruptedException e)
        {
            Console.Error.WriteLine($"fastsgns: {OptionNames.Message(e)}");
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("fastsgns: cancelled; no output was written.");
            return ExitCodes.Cancelled;
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine($"fastsgns: error: {ErrorMessage.Of(e)}");
            return ExitCodes.Diverged;
        }
        catch (OutOfMemoryException e)
        {
            // InsufficientMemoryException: refused before allocating; any other: memory ran out later. Nothing is written either way.
            Console.Error.WriteLine(e is InsufficientMemoryException
                ? $"fastsgns: error: {e.Message}"
                : "fastsgns: error: out of memory; nothing was written. Use a smaller --dim, a higher --min-count or fewer --threads.");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or KeyNotFoundException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"fastsgns: error: {ErrorMessage.Of(e)}");
            return ExitCodes.BadInput;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>Runs a command body, turning expected failures into one clear line on stderr and an exit code.</summary>
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
        try
        {
            return body(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("fastsgns: cancelled; no output was written.");
            return ExitCodes.Cancelled;
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine($"fastsgns: error: {e.Message}");
            return ExitCodes.Diverged;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or KeyNotFoundException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"fastsgns: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Corpus;

/// <summary>
/// A run reads its input twice (to count, then to encode), which a pipe, a FIFO, <c>/dev/stdin</c> or <c>&lt;(…)</c>
/// cannot give: reopened, a FIFO blocks forever, and reading one as a file throws. Such an input is read once, into
/// a hidden spool file in the work directory (the id file's directory), and the run reads the spool; it is deleted
/// with the run's other temporary files. The copy runs on its own thread and the caller waits on the cancellation
/// token, so Ctrl+C stops a run even while it waits for a writer that never comes.
/// </summary>
internal static class InputSpool
{
    /// <summary>The name <c>-</c> stands for standard input.</summary>
    public const string StandardInput = "-";

    private const int CopyBytes = 1 << 20;

    /// <summary>
    /// True for what must be spooled: standard input, and a named input that reports no size. .NET cannot ask for a
    /// file's type, but pipes, FIFOs, devices and /proc files all report 0 bytes, so every input named with size 0 is
    /// read once as a stream; for a really empty file that costs one empty spool. (Files found in a directory are not
    /// spooled: an empty one there is read as empty, without being opened.)
    /// </summary>
    public static bool Needed(string input) => input == StandardInput || new FileInfo(input).Length == 0;

    /// <summary>Copies <paramref name="input"/> into a new spool file in <paramref name="directory"/>; returns its path.</summary>
    public static string Copy(string input, string directory, CancellationToken cancellation)
    {
        string path = Path.Combine(directory, $".fastsgns-{Environment.ProcessId}-{Guid.NewGuid():N}.spool");
        Task copy = Task.Factory.StartNew(() => CopyTo(input, path, cancellation), cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            copy.Wait(cancellation);
            return path;
        }
        catch (OperationCanceledException)
        {
            Delete(path);
            throw;
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            Delete(path);
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static void CopyTo(string input, string path, CancellationToken cancellation)
    {
        using Stream source = input == StandardInput
            ? new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1)
            : new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
        byte[] buffer = new byte[CopyBytes];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            target.Write(buffer, 0, read);
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a failed delete must not hide the error that ended the run.
        }
    }
}

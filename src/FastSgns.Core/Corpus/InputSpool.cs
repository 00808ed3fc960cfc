using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Corpus;

/// <summary>
/// A run reads its input twice (to count, then to encode), which a pipe, a FIFO, <c>/dev/stdin</c> or <c>&lt;(…)</c>
/// cannot give: reopened, a FIFO blocks forever, and reading one as a file throws. Such an input is read once, into
/// a hidden spool file in the work directory (the id file's directory), and the run reads the spool; it is deleted
/// with the run's other temporary files. Regular files are only opened and closed here. The copy runs on its own thread and the caller waits on the cancellation
/// token, so Ctrl+C stops a run even while it waits for a writer that never comes.
/// </summary>
internal static class InputSpool
{
    /// <summary>The name <c>-</c> stands for standard input.</summary>
    public const string StandardInput = "-";

    private const int CopyBytes = 1 << 20;

    /// <summary>A new spool name in <paramref name="directory"/>: hidden, and shaped so that a killed run's spool is removed by the next run (Ids/StaleIdFiles).</summary>
    public static string NewPath(string directory) => Path.Combine(directory, $".fastsgns-{Environment.ProcessId}-{Guid.NewGuid():N}.spool");

    /// <summary>
    /// Opens <paramref name="input"/> and, unless it is a regular file with a size, copies it into a new spool file in
    /// <paramref name="directory"/>; returns the spool's path, or null when the input can be read in place. The open
    /// happens on the copying thread too, since opening a FIFO blocks until a writer comes. Pipes and FIFOs are told by
    /// their handle not being seekable (their reported size can be anything: a pipe reports what it holds); devices and
    /// /proc files report size 0 and are spooled as well, which for a really empty file costs one empty spool.
    /// </summary>
    public static string? CopyIfNotSeekable(string input, string directory, CancellationToken cancellation)
    {
        string path = NewPath(directory);
        Task<bool> copy = Task.Factory.StartNew(() => CopyTo(input, path, cancellation), cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            copy.Wait(cancellation);
            return copy.Result ? path : null;
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

    /// <summary>Copies a stream-like input to <paramref name="path"/>; false (and nothing copied) for a regular file.</summary>
    private static bool CopyTo(string input, string path, CancellationToken cancellation)
    {
        using SafeFileHandle handle = input == StandardInput
            ? new SafeFileHandle(0, ownsHandle: false)
            : File.OpenHandle(input, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (input != StandardInput && IsSeekableWithSize(handle))
        {
            return false;
        }

        using var source = new FileStream(handle, FileAccess.Read, 1);
        using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
        Copy(source, target, cancellation);
        return true;
    }

    /// <summary>Copies <paramref name="source"/> from where it is to its end, a megabyte at a time, checking for cancellation between reads.</summary>
    public static void Copy(Stream source, Stream target, CancellationToken cancellation)
    {
        byte[] buffer = new byte[CopyBytes];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            target.Write(buffer, 0, read);
        }
    }

    private static bool IsSeekableWithSize(SafeFileHandle handle)
    {
        try
        {
            return RandomAccess.GetLength(handle) > 0;
        }
        catch (NotSupportedException)
        {
            return false; // not seekable: a pipe, FIFO or socket
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

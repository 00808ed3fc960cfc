namespace FastSgns.IO;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the content goes to a temporary
/// file in the same directory, is flushed to disk, and is renamed over the target only after it was written whole.
/// The target follows <see cref="OutputTarget"/>'s rules: a symbolic link is written through to its target, the null
/// device discards, and directories, FIFOs, sockets and other devices are refused before anything is written.
/// Temporaries that killed runs left in the directory are removed first (<see cref="StaleTemporaries"/>).
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        OutputTarget target = OutputTarget.Resolve(path);
        if (target.Discards)
        {
            write(Stream.Null);
            return;
        }

        string directory = Path.GetDirectoryName(target.FullPath)!;
        StaleTemporaries.Remove(directory);
        string temporary = Path.Combine(directory, StaleTemporaries.NewName(Path.GetFileName(target.FullPath)));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target.FullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

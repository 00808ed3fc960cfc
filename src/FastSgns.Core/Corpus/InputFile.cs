using Microsoft.Win32.SafeHandles;

namespace FastSgns.Corpus;

/// <summary>
/// One input file as it was when the run opened it: its size and modification time, how its content is stored
/// (text or gzip, decided by its first bytes, not its name) and where its text starts (past a UTF-8 byte-order mark).
/// Every read reopens it and checks it is still that file, so a file changed or truncated under the run is reported
/// instead of being read half old, half new; the run holds no descriptor between reads.
/// </summary>
internal sealed class InputFile
{
    /// <summary>The name the user gave (or "standard input"), used in every message.</summary>
    public required string Name { get; init; }

    /// <summary>The file actually read: the input itself, or its spool copy for a pipe.</summary>
    public required string ReadPath { get; init; }

    /// <summary>Bytes on disk (compressed bytes for gzip).</summary>
    public required long Length { get; init; }

    public required DateTime LastWriteUtc { get; init; }

    public bool IsGzip { get; init; }

    /// <summary>Bytes of text to skip at the start (of the decompressed text, for gzip): a UTF-8 byte-order mark.</summary>
    public int TextStart { get; init; }

    /// <summary>Opens the file for reading and checks it is unchanged since the run opened it.</summary>
    public SafeFileHandle OpenChecked()
    {
        SafeFileHandle handle = File.OpenHandle(ReadPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        try
        {
            CheckUnchanged(handle);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Throws when the file's size or modification time differs from what the run first saw.</summary>
    public void CheckUnchanged(SafeFileHandle handle)
    {
        long length = RandomAccess.GetLength(handle);
        if (length != Length || File.GetLastWriteTimeUtc(handle) != LastWriteUtc)
        {
            throw Changed(length);
        }
    }

    /// <summary>The error for a file that no longer is what the run counted: counts and ids would disagree.</summary>
    public InvalidDataException Changed(long length) =>
        new($"{Name}: the input changed while it was being read (it was {Length:N0} bytes, now {length:N0}); " +
            "nothing was written. Rerun once the file is complete.");
}

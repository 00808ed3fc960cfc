namespace FastSgns.Corpus;

/// <summary>A corpus written once into a spool file by the caller (a stream's bytes, sentences as text lines).</summary>
internal sealed partial class CorpusFiles
{
    /// <summary>
    /// Runs <paramref name="write"/> into a new spool file in <paramref name="workDirectory"/> (the system temp
    /// directory when null) and opens it as a corpus of one file called <paramref name="name"/> in messages and
    /// checkpoints (the spool's own name changes from run to run). What the spool holds is judged like any input
    /// (<see cref="InputSniffer"/>): text, or gzip data decompressed as it is read. The spool is deleted on Dispose,
    /// or at once if writing or opening it fails.
    /// </summary>
    public static CorpusFiles Spool(string name, Action<Stream> write, string? workDirectory, Action<string>? warn, CancellationToken cancellation)
    {
        string path = InputSpool.NewPath(workDirectory ?? Path.GetTempPath());
        try
        {
            using (var spool = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16))
            {
                write(spool);
            }

            cancellation.ThrowIfCancellationRequested();
            InputFile file = Describe(name, path, sniff: true, out string? warning);
            if (warning is not null)
            {
                warn?.Invoke(warning);
            }

            return new CorpusFiles([file], [path]);
        }
        catch
        {
            InputSpool.Delete(path);
            throw;
        }
    }
}

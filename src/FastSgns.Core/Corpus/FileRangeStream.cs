using Microsoft.Win32.SafeHandles;

namespace FastSgns.Corpus;

/// <summary>
/// [start, end) of an input file as a forward-only stream of positional reads (pread). Reading text this way rather
/// than through a memory map is what makes a file truncated under the run an error we can report: a read past the
/// new end returns 0 bytes, where a mapped page past it raises SIGBUS, which .NET cannot catch. Pages read this way
/// are never part of the process's resident set (they stay in the page cache), so nothing needs releasing.
/// </summary>
internal sealed class FileRangeStream(InputFile file, SafeFileHandle handle, long start, long end) : Stream
{
    private long _read;
    private long Offset => start + _read;

    public override int Read(Span<byte> buffer)
    {
        int wanted = (int)Math.Min(buffer.Length, end - Offset);
        if (wanted <= 0)
        {
            return 0;
        }

        int read = RandomAccess.Read(handle, buffer[..wanted], Offset);
        if (read == 0)
        {
            // The file ends before the length it had when the run opened it: it was truncated.
            throw file.Changed(RandomAccess.GetLength(handle));
        }

        _read += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => end - start;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

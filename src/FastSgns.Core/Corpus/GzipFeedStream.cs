namespace FastSgns.Corpus;

/// <summary>Hands the compressed bytes to one member's DeflateStream, remembering how many, and the last read's size.</summary>
internal sealed class GzipFeedStream(Stream inner) : Stream
{
    public long Handed { get; private set; }

    public int LastRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Handed += read;
        if (read > 0)
        {
            LastRead = read;
        }

        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Handed; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

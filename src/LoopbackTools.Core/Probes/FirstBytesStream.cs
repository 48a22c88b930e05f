using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Certificate;

/// <summary>
/// Passes a stream through, keeping the first bytes the peer wrote: when a handshake fails, they tell a plain-HTTP
/// server ("HTTP/1.1 400") from a TLS alert (0x15 0x03) without a second connection.
/// </summary>
internal sealed class FirstBytesStream : Stream
{
    private const int Kept = 16;
    private readonly Stream _inner;
    private readonly byte[] _first = new byte[Kept];
    private int _firstLength;

    public FirstBytesStream(Stream inner)
    {
        _inner = inner;
    }

    public byte[] First
    {
        get
        {
            var copy = new byte[_firstLength];
            Array.Copy(_first, copy, _firstLength);
            return copy;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Keep(buffer, offset, _inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Keep(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Keep(byte[] buffer, int offset, int read)
    {
        var take = Math.Min(read, Kept - _firstLength);
        if (take > 0)
        {
            Array.Copy(buffer, offset, _first, _firstLength, take);
            _firstLength += take;
        }

        return read;
    }
}

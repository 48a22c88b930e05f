namespace LoopbackTools.Tests.Containers;

/// <summary>A read-only stream that hands out one byte per read, as a slow socket might.</summary>
public sealed class OneByteStream : MemoryStream
{
    public OneByteStream(byte[] bytes)
        : base(bytes, writable: false)
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(1, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        base.ReadAsync(buffer, offset, Math.Min(1, count), cancellationToken);
}

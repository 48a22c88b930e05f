using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoopbackTools.Containers;

/// <summary>
/// A unix domain socket address for netstandard2.0, which lacks UnixDomainSocketEndPoint:
/// serializes a Linux/macOS <c>sockaddr_un</c> (2-byte family, then the NUL-terminated path),
/// which the .NET socket layer hands to connect(2) unchanged.
/// </summary>
internal sealed class UnixSocketEndPoint : EndPoint
{
    /// <summary>sizeof(sun_path) on Linux; macOS allows 104, so longer paths fail there at connect time.</summary>
    public const int MaxPathBytes = 108;
    private const int FamilyBytes = 2;

    public UnixSocketEndPoint(string path)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        var length = Encoding.UTF8.GetByteCount(path);
        if (length == 0 || length >= MaxPathBytes)
        {
            throw new ArgumentException($"A unix socket path must be 1 to {MaxPathBytes - 1} bytes long.", nameof(path));
        }
    }

    public string Path { get; }

    public override AddressFamily AddressFamily => AddressFamily.Unix;

    public override SocketAddress Serialize()
    {
        var bytes = Encoding.UTF8.GetBytes(Path);
        // The SocketAddress constructor writes the family in the platform's layout; the path follows it.
        var address = new SocketAddress(AddressFamily.Unix, FamilyBytes + bytes.Length + 1);
        for (var i = 0; i < bytes.Length; i++)
        {
            address[FamilyBytes + i] = bytes[i];
        }

        address[FamilyBytes + bytes.Length] = 0;
        return address;
    }

    public override EndPoint Create(SocketAddress socketAddress)
    {
        if (socketAddress is null)
        {
            throw new ArgumentNullException(nameof(socketAddress));
        }

        var bytes = new byte[Math.Max(0, socketAddress.Size - FamilyBytes)];
        var length = 0;
        while (length < bytes.Length && socketAddress[FamilyBytes + length] != 0)
        {
            bytes[length] = socketAddress[FamilyBytes + length];
            length++;
        }

        // An unnamed peer (the usual client side) has no path; keep ours so the socket still has an endpoint.
        return length == 0 ? this : new UnixSocketEndPoint(Encoding.UTF8.GetString(bytes, 0, length));
    }

    public override string ToString() => Path;
}

using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// A raw AF_NETLINK socket for kernel dumps. A netlink socket belongs to the network namespace it was created
/// in, so <see cref="Open"/> can create it inside another process's namespace and use it from here.
/// </summary>
internal sealed class NetlinkConnection : IDisposable
{
    /// <summary>Large enough for the biggest dump datagram the kernel sends (32 KiB).</summary>
    public const int ReceiveBufferLength = 64 * 1024;

    private static readonly byte[] KernelAddress = BuildKernelAddress();
    private readonly byte[] _buffer = new byte[ReceiveBufferLength]; // reused by every dump on this connection
    private int _fd;

    private NetlinkConnection(int fd) => _fd = fd;

    /// <summary>Opens a socket of the given netlink protocol, in the namespace of <paramref name="namespaceOf"/> when set.</summary>
    public static NetlinkConnection Open(int protocol, int? namespaceOf)
    {
        var fd = namespaceOf is int pid
            ? NamespaceEntry.Run(pid, () => OpenRaw(protocol))
            : OpenRaw(protocol);
        return new NetlinkConnection(fd);
    }

    /// <summary>Sends a dump request and feeds each reply datagram to <paramref name="datagram"/> until it returns true.</summary>
    public void Dump(byte[] request, Func<byte[], int, bool> datagram, CancellationToken cancellationToken)
    {
        var sent = (long)LinuxNative.SendTo(_fd, request, (IntPtr)request.Length, 0, KernelAddress, KernelAddress.Length);
        if (sent != request.Length)
        {
            throw ListenerErrors.SystemCallFailed("sendto(AF_NETLINK)", Marshal.GetLastWin32Error());
        }

        var buffer = _buffer;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = (long)LinuxNative.Recv(_fd, buffer, (IntPtr)buffer.Length, 0);
            if (received < 0)
            {
                var errno = Marshal.GetLastWin32Error();
                if (errno == LinuxNative.Eintr)
                {
                    continue;
                }

                throw ListenerErrors.SystemCallFailed("recv(AF_NETLINK)", errno);
            }

            if (received == 0 || datagram(buffer, (int)received))
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            LinuxNative.Close(_fd);
            _fd = -1;
        }
    }

    private static int OpenRaw(int protocol)
    {
        var fd = LinuxNative.Socket(LinuxNative.AfNetlink, LinuxNative.SockRaw | LinuxNative.SockCloexec, protocol);
        if (fd < 0)
        {
            throw ListenerErrors.SystemCallFailed($"socket(AF_NETLINK, {protocol})", Marshal.GetLastWin32Error());
        }

        return fd;
    }

    /// <summary>struct sockaddr_nl addressed to the kernel: family AF_NETLINK, pid 0, groups 0.</summary>
    private static byte[] BuildKernelAddress()
    {
        var address = new byte[12];
        NetlinkBuffer.WriteUInt16(address, 0, LinuxNative.AfNetlink);
        return address;
    }
}

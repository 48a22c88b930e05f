using System.Net;

namespace LoopbackTools.Listeners;

/// <summary>
/// One listening socket as a platform source reports it, before owners are attached.
/// Windows and macOS sources know the owning process already; Linux sources know the inode instead.
/// SocketId names the kernel socket however many descriptors hold it: the inode on Linux, soi_so on macOS.
/// </summary>
internal sealed class ListenerSocket
{
    public ListenerSocket(ListenerProtocol protocol, IPAddress address, int port, bool? v6Only, long? socketId, int? uid, int? processId = null)
        : this(protocol, new BoundAddress(address), port, v6Only, socketId, uid, processId)
    {
    }

    /// <summary>A socket whose address is shared with others bound to the same address (no string per socket).</summary>
    public ListenerSocket(ListenerProtocol protocol, BoundAddress bound, int port, bool? v6Only, long? socketId, int? uid, int? processId = null)
    {
        Protocol = protocol;
        Bound = bound;
        Port = port;
        V6Only = v6Only;
        SocketId = socketId;
        Uid = uid;
        ProcessId = processId;
    }

    public ListenerProtocol Protocol { get; }

    public BoundAddress Bound { get; }

    public IPAddress Address => Bound.Address;

    public int Port { get; }

    /// <summary>IPV6_V6ONLY for IPv6 sockets; null where the source cannot tell.</summary>
    public bool? V6Only { get; }

    /// <summary>Linux: the socket inode. macOS: the kernel's opaque socket handle (soi_so) as a signed 64-bit value. Null on Windows.</summary>
    public long? SocketId { get; }

    public int? Uid { get; }

    /// <summary>Set by the source (Windows, macOS) or by the Linux owner scan.</summary>
    public int? ProcessId { get; set; }

    /// <summary>Linux sock_diag, TCP LISTEN: idiag_rqueue, the connections waiting for accept(); null elsewhere.</summary>
    public int? AcceptQueue { get; set; }

    /// <summary>Linux sock_diag, TCP LISTEN: idiag_wqueue, the listen() backlog; null elsewhere.</summary>
    public int? AcceptBacklog { get; set; }
}

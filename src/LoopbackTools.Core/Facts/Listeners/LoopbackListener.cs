using System.Globalization;
using System.Net.Sockets;
using LoopbackTools.Listeners;

namespace LoopbackTools;

/// <summary>
/// One listening socket (a TCP socket in LISTEN, or a bound UDP socket), where it is bound, who can reach it
/// and which process holds it. Owner fields are null where the OS hides them or -NoProcess was used.
/// </summary>
public sealed class LoopbackListener
{
    public LoopbackListener(
        ListenerProtocol protocol,
        string localAddress,
        int port,
        AddressFamily addressFamily,
        BindScope bindScope,
        bool? isDualStack,
        int? processId,
        string? process,
        string? commandLine,
        string? user,
        long? networkNamespace,
        long? socketId,
        string? container = null,
        string? service = null,
        int? acceptQueue = null,
        int? acceptBacklog = null)
    {
        AcceptQueue = acceptQueue;
        AcceptBacklog = acceptBacklog;
        Protocol = protocol;
        LocalAddress = localAddress;
        Port = port;
        AddressFamily = addressFamily;
        BindScope = bindScope;
        IsDualStack = isDualStack;
        ProcessId = processId;
        Process = process;
        CommandLine = commandLine;
        User = user;
        NetworkNamespace = networkNamespace;
        SocketId = socketId;
        Container = container;
        Service = service;
    }

    public ListenerProtocol Protocol { get; }

    /// <summary>The bound address as text: 127.0.0.1, ::1, ::ffff:127.0.0.1, 0.0.0.0, ::.</summary>
    public string LocalAddress { get; }

    public int Port { get; }

    public AddressFamily AddressFamily { get; }

    public BindScope BindScope { get; }

    /// <summary>
    /// True for an IPv6 :: socket that also accepts IPv4 (IPV6_V6ONLY off); false for every other socket;
    /// null for :: where the OS cannot tell (Linux /proc/net fallback, Windows).
    /// </summary>
    public bool? IsDualStack { get; }

    /// <summary>Reachable from other machines: bound to all interfaces or to a non-loopback address.</summary>
    public bool Exposed => BindScope != BindScope.Loopback;

    public int? ProcessId { get; }

    /// <summary>
    /// The owner's process name (Linux comm). Deliberately not called ProcessName or Name: those are the names
    /// Stop-Process, Wait-Process and Get-Process bind to -Name, which would target every process of that name
    /// (docs/decisions.md). Piped into those cmdlets, the listener binds its Id (types.ps1xml) instead.
    /// </summary>
    public string? Process { get; }

    public string? CommandLine { get; }

    public string? User { get; }

    /// <summary>Linux: the network namespace id (the number of net:[4026531840]); null elsewhere.</summary>
    public long? NetworkNamespace { get; }

    /// <summary>
    /// Linux: the socket inode. macOS: the kernel's opaque socket handle (soi_so) as a signed 64-bit number, often
    /// negative. Null where the OS has no such id (Windows).
    /// </summary>
    public long? SocketId { get; }

    /// <summary>
    /// The container the owner runs in (Docker or podman, by its cgroup), or for an engine proxy (docker-proxy,
    /// rootlessport) the container whose published port it holds; with -NetworkNamespaceOf, that namespace's
    /// container. Null when unknown or when no engine answered.
    /// </summary>
    public string? Container { get; }

    /// <summary>
    /// Linux: the systemd service whose cgroup holds the owner (nginx.service). Windows: the services the owner
    /// hosts, from the Service Control Manager, sorted and joined by ", " (svchost hosts several). Null when none.
    /// </summary>
    public string? Service { get; }

    /// <summary>
    /// Linux TCP: connections the kernel completed that the server has not yet taken with accept() (what ss -ltn
    /// shows as Recv-Q); null where the OS does not report it.
    /// </summary>
    public int? AcceptQueue { get; }

    /// <summary>Linux TCP: the limit of that queue, the listen() backlog (ss -ltn's Send-Q); null where unknown.</summary>
    public int? AcceptBacklog { get; }

    public override string ToString()
    {
        var host = AddressFamily == AddressFamily.InterNetworkV6 ? "[" + LocalAddress + "]" : LocalAddress;
        var owner = ProcessId is int pid ? " pid " + pid.ToString(CultureInfo.InvariantCulture) + (Process is null ? string.Empty : " " + Process) : string.Empty;
        return $"{Protocol} {host}:{Port.ToString(CultureInfo.InvariantCulture)}{owner}";
    }
}

using System.Net;

namespace LoopbackTools.Resolution;

/// <summary>A listening TCP socket as the port matrix needs it: where it is bound, and by whom.</summary>
public sealed class ListenerBinding
{
    public ListenerBinding(IPAddress address, int port, bool? dualStack, int? processId, string processName)
    {
        Address = address;
        Port = port;
        DualStack = dualStack;
        ProcessId = processId;
        ProcessName = processName ?? string.Empty;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>For <c>::</c>: true when it also accepts IPv4 (IPV6_V6ONLY off), null when unknown.</summary>
    public bool? DualStack { get; }

    public int? ProcessId { get; }

    public string ProcessName { get; }
}

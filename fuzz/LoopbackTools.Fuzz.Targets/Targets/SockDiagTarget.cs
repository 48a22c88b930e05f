using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>One NETLINK_SOCK_DIAG reply datagram, as the dump loop hands it to the parser.</summary>
public static class SockDiagTarget
{
    public static void Run(byte[] data)
    {
        var sockets = new List<ListenerSocket>();
        CleanErrors.Allow(
            () =>
            {
                SockDiagProtocol.ParseDatagram(data, data.Length, ListenerProtocol.Tcp, sockets, out _);
                ListenerChecks.Rows(sockets);
            },
            ListenerChecks.Malformed);
    }
}

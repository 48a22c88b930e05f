using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System;
using LoopbackTools.Addressing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Binding;

/// <summary>
/// The TCP sockets of this network namespace, other than listeners, whose local port is the port (netlink
/// sock_diag over every state but LISTEN, as `ss -tan sport = :PORT`): each makes a server's bind of that port fail
/// with "address already in use" (a TIME-WAIT one only for a server without SO_REUSEADDR).
/// </summary>
internal static class HeldPortScanner
{
    private const string Source = "netlink sock_diag";

    private static readonly string[] StateNames = { "UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING" };

    /// <summary>The sockets holding <paramref name="port"/>; null when they cannot be read here (not Linux, no sock_diag).</summary>
    public static IReadOnlyList<HeldPortSocket>? Scan(int port, CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        try
        {
            using var connection = NetlinkConnection.Open(LinuxNative.NetlinkSockDiag, null);
            var held = new List<HeldPortSocket>();
            const int everyStateButListen = 0xFFF & ~(1 << SockDiagProtocol.TcpStateListen);
            foreach (var family in new[] { SockDiagProtocol.AfInet, SockDiagProtocol.AfInet6 })
            {
                var request = SockDiagProtocol.BuildRequest(family, SockDiagProtocol.IpProtoTcp, everyStateButListen, (uint)family);
                var error = 0;
                connection.Dump(request, (buffer, count) => Parse(buffer, count, port, held, out error), cancellationToken);
                if (error != 0)
                {
                    return null;
                }
            }

            return held;
        }
        catch (LoopbackToolsException)
        {
            return null;
        }
    }

    /// <summary>One dump datagram: keeps the sockets whose source port is <paramref name="port"/>. True when the dump is done.</summary>
    public static bool Parse(byte[] buffer, int count, int port, List<HeldPortSocket> held, out int error)
    {
        error = 0;
        var offset = 0;
        while (NetlinkBuffer.TryReadMessage(buffer, count, ref offset, Source, out var type, out var payload, out var length))
        {
            if (type == NetlinkBuffer.MessageDone)
            {
                return true;
            }

            if (type == NetlinkBuffer.MessageError)
            {
                error = NetlinkBuffer.ReadError(buffer, payload, length, Source);
                return true;
            }

            if (type != SockDiagProtocol.SockDiagByFamily || length < SockDiagProtocol.MessageLength)
            {
                throw ListenerErrors.Malformed(Source, $"unexpected message type {type} of {length} bytes");
            }

            var sourcePort = (buffer[payload + 4] << 8) | buffer[payload + 5];
            if (sourcePort != port)
            {
                continue;
            }

            var v6 = buffer[payload] == SockDiagProtocol.AfInet6;
            var state = buffer[payload + 1];
            var remotePort = (buffer[payload + 6] << 8) | buffer[payload + 7];
            held.Add(new HeldPortSocket(
                state < StateNames.Length ? StateNames[state] : state.ToString(CultureInfo.InvariantCulture),
                Endpoint(buffer, payload + 8, v6, sourcePort),
                Endpoint(buffer, payload + 24, v6, remotePort)));
        }

        return false;
    }

    private static string Endpoint(byte[] buffer, int offset, bool v6, int port)
    {
        var bytes = new byte[v6 ? 16 : 4];
        Array.Copy(buffer, offset, bytes, 0, bytes.Length);
        var address = MappedAddress.Unmap(new IPAddress(bytes));
        return Addressing.EndpointText.Of(address, port);
    }
}

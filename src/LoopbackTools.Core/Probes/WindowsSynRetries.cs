using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using LoopbackTools.Addressing;

namespace LoopbackTools.Sockets;

/// <summary>
/// Windows answers a connect to a closed port with a refusal only after retransmitting the SYN for about 2 s, even
/// on loopback, so a probe bounded by a 2 s timeout would call a refused port "timed out". SIO_TCP_INITIAL_RTO with
/// no SYN retransmissions makes the refusal immediate; libuv does the same for loopback targets.
/// </summary>
internal static class WindowsSynRetries
{
    /// <summary>mstcpip.h: SIO_TCP_INITIAL_RTO = _WSAIOW(IOC_VENDOR, 17).</summary>
    private const int SioTcpInitialRto = unchecked((int)0x98000011);

    /// <summary>TCP_INITIAL_RTO_PARAMETERS { Rtt = TCP_INITIAL_RTO_UNSPECIFIED_RTT (0xFFFF), MaxSynRetransmissions }, little-endian, padded to 4.</summary>
    private static readonly byte[] NoRetransmissions = { 0xFF, 0xFF, 0xFE, 0x00 }; // TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS: Windows 10 1709+

    private static readonly byte[] OneRetransmission = { 0xFF, 0xFF, 0x01, 0x00 }; // the least older Windows accepts

    /// <summary>Call before connecting <paramref name="socket"/> to <paramref name="target"/>; does nothing off Windows or off loopback.</summary>
    public static void DisableForLoopback(Socket socket, IPAddress target)
    {
        if (!Applies(target, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)))
        {
            return;
        }

        foreach (var parameters in new[] { NoRetransmissions, OneRetransmission })
        {
            try
            {
                socket.IOControl(SioTcpInitialRto, parameters, null);
                return;
            }
            catch (SocketException)
            {
                // Not supported by this Windows build: try the next value, else keep the default (the timeout still bounds the probe).
            }
        }
    }

    /// <summary>Only loopback targets: elsewhere a lost SYN is worth retrying, and a refusal can come from a middlebox.</summary>
    internal static bool Applies(IPAddress target, bool isWindows) => isWindows && AddressClassifier.IsLoopback(target);
}

using System.Text;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>/proc/net/{tcp,tcp6,udp,udp6} text. Choice byte: bit 0 TCP/UDP, bit 1 word order.</summary>
public static class ProcNetTarget
{
    public static void Run(byte[] data)
    {
        var input = new FuzzInput(data, 1);
        var udp = (input.Choice(0) & 1) != 0;
        var littleEndian = (input.Choice(0) & 2) == 0;
        var text = Encoding.UTF8.GetString(input.Payload);
        CleanErrors.Allow(
            () => ListenerChecks.Rows(ProcNetParser.Parse(
                text,
                udp ? ListenerProtocol.Udp : ListenerProtocol.Tcp,
                udp ? ProcNetParser.UdpUnconnectedState : ProcNetParser.TcpListenState,
                "/proc/net/fuzz",
                littleEndian)),
            ListenerChecks.Malformed);
    }
}

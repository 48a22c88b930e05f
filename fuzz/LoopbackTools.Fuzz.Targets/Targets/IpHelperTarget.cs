using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Windows;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>GetExtendedTcpTable / GetExtendedUdpTable buffers. Choice byte: which of the four OWNER_PID tables.</summary>
public static class IpHelperTarget
{
    private static readonly Func<byte[], int, List<ListenerSocket>>[] Parsers =
    {
        IpHelperTables.ParseTcp4, IpHelperTables.ParseTcp6, IpHelperTables.ParseUdp4, IpHelperTables.ParseUdp6,
    };

    public static void Run(byte[] data)
    {
        var input = new FuzzInput(data, 1);
        var table = input.Payload;
        var parse = Parsers[input.Choice(0) % Parsers.Length];
        CleanErrors.Allow(() => ListenerChecks.Rows(parse(table, table.Length)), ListenerChecks.Malformed);
    }
}

using System.Net.Sockets;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>As nobody, root's sockets are still listed, without owner, with a count and a reason instead of an error.</summary>
public sealed class UnprivilegedViewTests
{
    [RequiresFact("setpriv")]
    public void Nobody_sees_roots_sockets_without_owner_and_is_told_why()
    {
        using var socket = TestSockets.Open(ProtocolType.Tcp, "127.0.0.1");
        var port = TestSockets.PortOf(socket);

        var scan = ProbeProcess.Run(new[] { "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups" }, "scan");

        var listener = scan.GetProperty("Listeners").EnumerateArray().Single(l => l.GetProperty("Port").GetInt32() == port);
        Assert.Equal("127.0.0.1", listener.GetProperty("LocalAddress").GetString());
        Assert.Equal(JsonValueKindNull, listener.GetProperty("ProcessId").ValueKind);
        Assert.True(scan.GetProperty("UnattributedCount").GetInt32() > 0);
        Assert.Contains("may not read /proc/<pid>/fd", scan.GetProperty("UnattributedReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("netlink", scan.GetProperty("Source").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

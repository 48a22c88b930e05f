using System.Net.Sockets;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>Real sockets opened by this test process, found by the real scanner inside the seal.</summary>
public sealed class ListenerScannerTests
{
    public static TheoryData<string, string, bool, string, BindScope, bool?> Binds => new()
    {
        // protocol, bind address, v6only, reported address, scope, IsDualStack
        { "Tcp", "127.0.0.1", false, "127.0.0.1", BindScope.Loopback, false },
        { "Tcp", "127.0.0.2", false, "127.0.0.2", BindScope.Loopback, false },
        { "Tcp", "::1", true, "::1", BindScope.Loopback, false },
        { "Tcp", "::ffff:127.0.0.1", false, "::ffff:127.0.0.1", BindScope.Loopback, false },
        { "Tcp", "0.0.0.0", false, "0.0.0.0", BindScope.AllInterfaces, false },
        { "Tcp", "::", false, "::", BindScope.AllInterfaces, true },
        { "Tcp", "::", true, "::", BindScope.AllInterfaces, false },
        { "Udp", "127.0.0.1", false, "127.0.0.1", BindScope.Loopback, false },
        { "Udp", "0.0.0.0", false, "0.0.0.0", BindScope.AllInterfaces, false },
        { "Udp", "::", false, "::", BindScope.AllInterfaces, true },
    };

    [RequiresTheory("ss")]
    [MemberData(nameof(Binds))]
    public void Finds_each_socket_with_its_scope_dual_stack_flag_and_this_process_as_owner(string protocol, string bind, bool v6Only, string reported, BindScope scope, bool? dualStack)
    {
        using var socket = TestSockets.Open(Enum.Parse<ProtocolType>(protocol), bind, v6Only);
        var port = TestSockets.PortOf(socket);

        var result = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { port } }, CancellationToken.None);

        var listener = Assert.Single(result.Listeners, l => l.Protocol.ToString() == protocol);
        Assert.Equal("netlink", result.Source);
        Assert.Equal(reported, listener.LocalAddress);
        Assert.Equal(port, listener.Port);
        Assert.Equal(scope, listener.BindScope);
        Assert.Equal(scope != BindScope.Loopback, listener.Exposed);
        Assert.Equal(dualStack, listener.IsDualStack);
        Assert.Equal(Environment.ProcessId, listener.ProcessId);
        Assert.Equal("root", listener.User);
        Assert.False(string.IsNullOrEmpty(listener.CommandLine));
        Assert.NotNull(listener.SocketId);
        Assert.NotNull(listener.NetworkNamespace);
        Assert.Equal(0, result.UnattributedCount);
    }

    [RequiresTheory("ss")]
    [MemberData(nameof(Binds))]
    public void The_proc_net_fallback_finds_the_same_sockets_but_cannot_tell_dual_stack(string protocol, string bind, bool v6Only, string reported, BindScope scope, bool? dualStack)
    {
        using var socket = TestSockets.Open(Enum.Parse<ProtocolType>(protocol), bind, v6Only);
        var port = TestSockets.PortOf(socket);

        var result = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { port }, ForceProcfs = true }, CancellationToken.None);

        var listener = Assert.Single(result.Listeners, l => l.Protocol.ToString() == protocol);
        Assert.Equal("procfs", result.Source);
        Assert.Equal(reported, listener.LocalAddress);
        Assert.Equal(scope, listener.BindScope);
        Assert.Equal(reported == "::" ? null : dualStack, listener.IsDualStack);
        Assert.Equal(Environment.ProcessId, listener.ProcessId);
    }

    [RequiresFact("ss")]
    public void Agrees_with_ss_on_the_listening_tcp_ports()
    {
        using var a = TestSockets.Open(ProtocolType.Tcp, "127.0.0.1");
        using var b = TestSockets.Open(ProtocolType.Tcp, "::", v6Only: true);
        var options = new ListenerScanOptions { IncludeUdp = false, ResolveOwners = false };

        // Other test classes open and close sockets concurrently: bracket ss between two scans.
        var before = ListenerScanner.Scan(options, CancellationToken.None).Listeners.Select(l => l.Port).ToHashSet();
        var ss = Run.Command("ss", "-ltnH").EnsureSuccess("ss").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3].Split(':').Last(), System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var after = ListenerScanner.Scan(options, CancellationToken.None).Listeners.Select(l => l.Port).ToHashSet();

        Assert.Subset(before.Union(after).ToHashSet(), ss);
        Assert.Subset(ss, before.Intersect(after).ToHashSet());
        Assert.Contains(TestSockets.PortOf(a), before);
        Assert.Contains(TestSockets.PortOf(b), after);
    }

    [RequiresFact("ss")]
    public void Filters_by_exposure_scope_family_protocol_and_process()
    {
        using var loop = TestSockets.Open(ProtocolType.Tcp, "127.0.0.1");
        using var any = TestSockets.Open(ProtocolType.Tcp, "0.0.0.0");
        using var any6 = TestSockets.Open(ProtocolType.Tcp, "::", v6Only: true);
        using var udp = TestSockets.Open(ProtocolType.Udp, "127.0.0.1");
        var ports = new[] { loop, any, any6, udp }.Select(TestSockets.PortOf).ToArray();
        ListenerScanResult Scan(Action<ListenerScanOptions> tweak)
        {
            var options = new ListenerScanOptions { Ports = ports };
            tweak(options);
            return ListenerScanner.Scan(options, CancellationToken.None);
        }

        Assert.Equal(new[] { ports[1], ports[2] }.Order(), Scan(o => o.ExposedOnly = true).Listeners.Select(l => l.Port).Order());
        Assert.Equal(new[] { ports[0], ports[3] }.Order(), Scan(o => o.BindScopes = new[] { BindScope.Loopback }).Listeners.Select(l => l.Port).Order());
        Assert.Equal(ports[2], Assert.Single(Scan(o => o.AddressFamily = AddressFamily.InterNetworkV6).Listeners).Port);
        Assert.Equal(ports[3], Assert.Single(Scan(o => o.IncludeTcp = false).Listeners).Port);
        Assert.Equal(4, Scan(o => o.ProcessIds = new[] { Environment.ProcessId }).Listeners.Count);
        Assert.Empty(Scan(o => o.ProcessIds = new[] { int.MaxValue }).Listeners);
        var name = Scan(_ => { }).Listeners[0].Process!;
        Assert.Equal(4, Scan(o => o.ProcessNames = new[] { name.Substring(0, 2).ToUpperInvariant() + "*" }).Listeners.Count);
        Assert.Empty(Scan(o => o.ProcessNames = new[] { "no-such-process*" }).Listeners);

        var bare = Scan(o => o.ResolveOwners = false);
        Assert.Equal(4, bare.Listeners.Count);
        Assert.All(bare.Listeners, l => Assert.Null(l.ProcessId));
        Assert.Equal(0, bare.UnattributedCount);
        Assert.Null(bare.UnattributedReason);
    }

    [Fact]
    public void Rejects_a_port_out_of_range_with_a_clear_error()
    {
        var e = Assert.Throws<LoopbackToolsException>(() => ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { 70000 } }, CancellationToken.None));
        Assert.Equal("Listeners.InvalidPort", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Rejects_an_address_family_without_listeners()
    {
        var e = Assert.Throws<LoopbackToolsException>(() => ListenerScanner.Scan(new ListenerScanOptions { AddressFamily = AddressFamily.Unix }, CancellationToken.None));
        Assert.Equal("Listeners.InvalidAddressFamily", e.ErrorId);
    }

    [Fact]
    public void A_missing_namespace_process_is_a_clear_error()
    {
        var e = Assert.Throws<LoopbackToolsException>(() => ListenerScanner.Scan(new ListenerScanOptions { NetworkNamespaceOf = 999_999_999 }, CancellationToken.None));
        Assert.Equal(OperatingSystem.IsLinux() ? "Listeners.ProcessNotFound" : "Listeners.PlatformNotSupported", e.ErrorId);
    }
}

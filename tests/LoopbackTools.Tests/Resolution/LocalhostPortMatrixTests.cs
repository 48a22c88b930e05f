using System.Net;
using System.Net.Sockets;
using LoopbackTools.Diagnostics;
using LoopbackTools.Resolution;

namespace LoopbackTools.Tests.Resolution;

/// <summary>The resolve-by-listen matrix with real listening sockets on loopback.</summary>
public sealed class LocalhostPortMatrixTests
{
    private static readonly IPAddress[] IPv6First = { IPAddress.IPv6Loopback, IPAddress.Loopback };
    private static readonly IPAddress[] IPv4First = { IPAddress.Loopback, IPAddress.IPv6Loopback };
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static async Task<IReadOnlyList<LocalhostResolutionResult>> Probe(IReadOnlyList<IPAddress> resolved, int port, IListenerLookup? lookup = null) =>
        await new LocalhostPortMatrix(lookup).ProbeAsync("localhost", resolved, port, Timeout, CancellationToken.None);

    private static LocalhostResolutionResult At(IEnumerable<LocalhostResolutionResult> probes, string address) => Assert.Single(probes, p => p.FirstAddress == address);

    private static TcpListener Listen(IPAddress address, int port = 0)
    {
        var listener = new TcpListener(address, port);
        if (address.Equals(IPAddress.IPv6Any))
        {
            listener.Server.DualMode = false;
        }

        listener.Start();
        return listener;
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    [Theory]
    [InlineData("127.0.0.1", "::1", "localhost resolves to ::1 first but the server listens only on 127.0.0.1: clients that try IPv6 first will fail (::1 refuses) - bind to ::1 too, or to localhost on both families")]
    [InlineData("::1", "127.0.0.1", "localhost resolves to 127.0.0.1 first but the server listens only on ::1: clients that try IPv4 first will fail (127.0.0.1 refuses) - bind to 127.0.0.1 too, or to localhost on both families")]
    public async Task A_one_family_listener_fails_the_other_family_resolved_first(string listening, string resolvedFirst, string finding)
    {
        using var listener = new DisposableListener(Listen(IPAddress.Parse(listening)));
        var probes = await Probe(new[] { IPAddress.Parse(resolvedFirst), IPAddress.Parse(listening) }, listener.Port);

        var first = At(probes, resolvedFirst);
        Assert.Equal(ConnectOutcome.Refused, first.Outcome);
        Assert.Equal(1, first.ResolvedOrder);
        Assert.Equal(ResolutionStatus.Fail, first.Status);
        Assert.Equal(finding, first.Finding);
        Assert.Equal(string.Empty, first.ListenerAddress);

        var served = At(probes, listening);
        Assert.Equal(ConnectOutcome.Accepted, served.Outcome);
        Assert.Equal(ResolutionStatus.Pass, served.Status);
        Assert.Equal(listening, served.ListenerAddress);
        Assert.EndsWith($"({Environment.ProcessId})", served.ListenerProcess, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_listener_table_the_verdicts_come_from_connections_alone()
    {
        using var listener = new DisposableListener(Listen(IPAddress.Loopback));
        var probes = await Probe(IPv6First, listener.Port, UnknownListenerLookup.Instance);
        Assert.All(probes, p => Assert.Equal("unknown", p.ListenerAddress));
        Assert.Equal(ResolutionStatus.Fail, At(probes, "::1").Status);
        Assert.Equal(ResolutionStatus.Pass, At(probes, "127.0.0.1").Status);
    }

    [Fact]
    public async Task Listener_on_the_second_address_only_warns_about_clients_without_fallback()
    {
        using var listener = new DisposableListener(Listen(IPAddress.IPv6Loopback));
        var probes = await Probe(IPv6First, listener.Port);
        Assert.Equal(ResolutionStatus.Pass, At(probes, "::1").Status);
        var v4 = At(probes, "127.0.0.1");
        Assert.Equal(ResolutionStatus.Warn, v4.Status);
        Assert.Contains("localhost also resolves to 127.0.0.1, but nothing accepts there", v4.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listeners_on_both_families_pass_everywhere()
    {
        using var v4 = new DisposableListener(Listen(IPAddress.Loopback));
        using var v6 = new DisposableListener(Listen(IPAddress.IPv6Loopback, v4.Port));
        var probes = await Probe(IPv6First, v4.Port);
        Assert.Equal(2, probes.Count);
        Assert.All(probes, p => Assert.Equal(ConnectOutcome.Accepted, p.Outcome));
        Assert.All(probes, p => Assert.Equal(ResolutionStatus.Pass, p.Status));
        Assert.Equal(new[] { 1, 2 }, probes.Select(p => p.ResolvedOrder));
    }

    [Fact]
    public async Task Wildcard_ipv4_listener_is_reachable_from_the_network()
    {
        using var listener = new DisposableListener(Listen(IPAddress.Any));
        var probes = await Probe(IPv4First, listener.Port);
        var v4 = At(probes, "127.0.0.1");
        Assert.Equal(ConnectOutcome.Accepted, v4.Outcome);
        Assert.Equal("0.0.0.0", v4.ListenerAddress);
        Assert.Equal(ResolutionStatus.Warn, v4.Status);
        Assert.StartsWith("listening on 0.0.0.0: reachable from the network", v4.Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectOutcome.Refused, At(probes, "::1").Outcome);
        Assert.Equal(ResolutionStatus.Warn, At(probes, "::1").Status);
    }

    [Fact]
    public async Task Dual_stack_wildcard_listener_serves_both_families_and_is_named_for_each()
    {
        var socket = new TcpListener(IPAddress.IPv6Any, 0);
        socket.Server.DualMode = true;
        socket.Start();
        using var listener = new DisposableListener(socket);
        var probes = await Probe(IPv6First, listener.Port);
        Assert.All(probes, p => Assert.Equal(ConnectOutcome.Accepted, p.Outcome));
        Assert.All(probes, p => Assert.Equal("::", p.ListenerAddress));
        Assert.All(probes, p => Assert.StartsWith("listening on [::]: reachable from the network", p.Finding, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_listening_fails_every_address()
    {
        int port;
        using (var gone = new DisposableListener(Listen(IPAddress.Loopback)))
        {
            port = gone.Port;
        }

        var probes = await Probe(IPv4First, port);
        Assert.All(probes, p => Assert.Equal(ResolutionStatus.Fail, p.Status));
        Assert.All(probes, p => Assert.Contains($"nothing accepts connections on port {port} at any loopback address", p.Finding, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unresolved_name_still_checks_both_loopback_addresses()
    {
        using var listener = new DisposableListener(Listen(IPAddress.Loopback));
        var probes = await Probe(Array.Empty<IPAddress>(), listener.Port);
        Assert.Equal(new[] { "127.0.0.1", "::1" }, probes.Select(p => p.FirstAddress));
        Assert.All(probes, p => Assert.Equal(0, p.ResolvedOrder));
        Assert.Equal(ConnectOutcome.Accepted, probes[0].Outcome);
    }

    [Fact]
    public async Task Port_outside_the_tcp_range_is_an_invalid_argument()
    {
        var e = await Assert.ThrowsAsync<LoopbackToolsException>(() => Probe(IPv4First, 70000));
        Assert.Equal("Resolution.InvalidPort", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public async Task Cancellation_stops_the_matrix()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LocalhostPortMatrix().ProbeAsync("localhost", IPv4First, 80, Timeout, cancel.Token));
    }

    [Fact]
    public void Join_prefers_an_exact_bind_then_the_family_wildcard_then_a_dual_stack_any()
    {
        var exact = new ListenerBinding(IPAddress.Loopback, 80, null, 10, "exact");
        var v4Any = new ListenerBinding(IPAddress.Any, 80, null, 11, "v4any");
        var v6Any = new ListenerBinding(IPAddress.IPv6Any, 80, true, 12, "v6any");
        var v6Only = new ListenerBinding(IPAddress.IPv6Any, 80, false, 13, "v6only");
        var mapped = new ListenerBinding(IPAddress.Parse("::ffff:127.0.0.1"), 80, null, 14, "mapped");

        Assert.Same(exact, LocalhostPortMatrix.Serving(new[] { v4Any, exact }, IPAddress.Loopback, 80));
        Assert.Same(v4Any, LocalhostPortMatrix.Serving(new[] { v6Any, v4Any }, IPAddress.Loopback, 80));
        Assert.Same(v6Any, LocalhostPortMatrix.Serving(new[] { v6Any }, IPAddress.Loopback, 80));
        Assert.Null(LocalhostPortMatrix.Serving(new[] { v6Only }, IPAddress.Loopback, 80));
        Assert.Same(v6Only, LocalhostPortMatrix.Serving(new[] { v6Only, v4Any }, IPAddress.IPv6Loopback, 80));
        Assert.Same(mapped, LocalhostPortMatrix.Serving(new[] { mapped }, IPAddress.Loopback, 80));
        Assert.Null(LocalhostPortMatrix.Serving(new[] { exact }, IPAddress.Loopback, 81));
    }

    private sealed class DisposableListener : IDisposable
    {
        private readonly TcpListener _listener;

        public DisposableListener(TcpListener listener) => _listener = listener;

        public int Port => PortOf(_listener);

        public void Dispose() => _listener.Stop();
    }
}

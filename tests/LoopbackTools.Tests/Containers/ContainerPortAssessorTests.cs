using System.Net;
using LoopbackTools.Containers;

namespace LoopbackTools.Tests.Containers;

/// <summary>Verdicts for the links the real-engine tests cannot easily break (UDP, refused, silent, unreadable sockets).</summary>
public sealed class ContainerPortAssessorTests
{
    private static readonly ContainerInspection Running = new(new string('a', 64), "app", true, "running", 4242, Array.Empty<ContainerPortSpec>());
    private static readonly PublishedBinding OnLoopback = new("127.0.0.1", 18080);
    private static readonly ContainerPortSpec Tcp8080 = new(8080, "tcp", true, new[] { OnLoopback });
    private static readonly InsideListeners AllInterfaces = InsideListeners.Known(new[] { IPAddress.Any });

    [Theory]
    [InlineData(PortReachability.Refused, "127.0.0.1:18080 refused the connection")]
    [InlineData(PortReachability.TimedOut, "no answer from 127.0.0.1:18080 within 3 s")]
    [InlineData(PortReachability.EmptyReply, "127.0.0.1:18080 accepted the connection, then closed it without a reply")]
    [InlineData(PortReachability.Unreachable, "127.0.0.1:18080 cannot be reached from this machine")]
    public void Every_failed_request_is_a_fail_that_names_the_host_address(PortReachability reach, string expected)
    {
        var (status, finding) = ContainerPortAssessor.Assess(Running, Tcp8080, OnLoopback, AllInterfaces, reach, TimeSpan.FromSeconds(3));
        Assert.Equal(ContainerPortStatus.Fail, status);
        Assert.StartsWith(expected, finding, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answering_port_passes_even_when_the_inside_is_unknown_and_says_why()
    {
        var unknown = InsideListeners.Unknown("the engine runs in a virtual machine (Docker Desktop), whose processes this host cannot see");
        var (status, finding) = ContainerPortAssessor.Assess(Running, Tcp8080, OnLoopback, unknown, PortReachability.Accepted, TimeSpan.FromSeconds(3));
        Assert.Equal(ContainerPortStatus.Pass, status);
        Assert.Equal("reachable at 127.0.0.1:18080; where the app listens inside is unknown: the engine runs in a virtual machine (Docker Desktop), whose processes this host cannot see", finding);
        Assert.Equal(AppBindScope.Unknown, ContainerPortAssessor.DescribeBind(unknown).Scope);
    }

    [Fact]
    public void A_published_port_nothing_listens_on_names_the_ports_the_app_does_listen_on_and_the_exact_p()
    {
        var elsewhere = InsideListeners.Known(Array.Empty<IPAddress>(), new[] { 3000, 9229 });
        var (status, finding) = ContainerPortAssessor.Assess(Running, Tcp8080, OnLoopback, elsewhere, PortReachability.EmptyReply, TimeSpan.FromSeconds(3));
        Assert.Equal(ContainerPortStatus.Fail, status);
        Assert.Equal("nothing listens on port 8080 inside the container; the app listens on ports 3000, 9229 there - publish that port: -p 127.0.0.1:18080:3000 (a request to 127.0.0.1:18080: EmptyReply)", finding);
    }

    [Fact]
    public void Udp_ports_are_reported_but_not_probed()
    {
        var udp = new PublishedBinding("", 5353);
        var (status, finding) = ContainerPortAssessor.Assess(Running, new ContainerPortSpec(53, "udp", true, new[] { udp }), udp, null, PortReachability.NotTested, TimeSpan.FromSeconds(3));
        Assert.Equal((ContainerPortStatus.Warn, "published on 0.0.0.0:5353; UDP ports are not probed"), (status, finding));
    }

    [Fact]
    public void The_widest_bind_address_decides_the_scope()
    {
        var both = InsideListeners.Known(new[] { IPAddress.Loopback, IPAddress.IPv6Any });
        Assert.Equal((AppBindScope.AllInterfaces, "127.0.0.1, ::"), ContainerPortAssessor.DescribeBind(both));
        Assert.Equal(AppBindScope.Specific, ContainerPortAssessor.DescribeBind(InsideListeners.Known(new[] { IPAddress.Parse("172.17.0.2") })).Scope);
        Assert.Equal(AppBindScope.NotListening, ContainerPortAssessor.DescribeBind(InsideListeners.Known(Array.Empty<IPAddress>())).Scope);
    }

    [Theory]
    [InlineData("", "127.0.0.1")]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("::", "::1")]
    [InlineData("::1", "::1")]
    [InlineData("127.0.0.5", "127.0.0.5")]
    public void Unspecified_host_addresses_are_probed_through_loopback(string hostIp, string probed) =>
        Assert.Equal(IPAddress.Parse(probed), ContainerPortAssessor.ProbeAddress(hostIp));
}

using LoopbackTools.Connection;

namespace LoopbackTools.Tests.Connection;

/// <summary>One checklist per distinct TCP port of a piped stream (issue 31, docs/decisions.md 108).</summary>
public sealed class PipedPortsTests
{
    [Fact]
    public void The_TCP_and_UDP_sockets_of_port_53_give_one_checklist_and_the_UDP_row_says_why_it_is_skipped()
    {
        var piped = new PipedPorts();

        Assert.True(piped.Admit(53, "Tcp", out var first));
        Assert.Equal(string.Empty, first);
        Assert.False(piped.Admit(53, "Udp", out var udp));
        Assert.Equal("Port 53 (UDP) skipped: the checklist tests TCP connections, and a UDP socket takes none.", udp);
    }

    [Fact]
    public void A_UDP_row_first_does_not_use_up_the_port_for_its_TCP_row()
    {
        var piped = new PipedPorts();

        Assert.False(piped.Admit(53, "udp", out _));
        Assert.True(piped.Admit(53, "tcp", out _));
    }

    [Fact]
    public void Three_sshd_sockets_on_port_22_give_one_checklist()
    {
        var piped = new PipedPorts();

        var admitted = new[] { "Tcp", "Tcp", "Tcp" }.Count(p => piped.Admit(22, p, out _));

        Assert.Equal(1, admitted);
        Assert.False(piped.Admit(22, "Tcp", out var again));
        Assert.Equal("Port 22 skipped: already checked in this pipeline (one checklist per port, not per socket).", again);
        Assert.True(piped.Admit(2222, "Tcp", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_row_without_a_protocol_counts_as_TCP(string? protocol)
    {
        var piped = new PipedPorts();

        Assert.True(piped.Admit(8080, protocol, out _));
        Assert.False(piped.Admit(8080, "Tcp", out _));
    }
}

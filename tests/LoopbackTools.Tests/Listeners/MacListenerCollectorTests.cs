using System.Net;
using LoopbackTools.Listeners.MacOS;
using static LoopbackTools.Tests.Listeners.SocketFdInfoBytes;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// What the macOS libproc walk makes of each process's answers, fed the byte buffers proc_pidfdinfo would return
/// and the errno values proc_pidinfo(PROC_PIDLISTFDS) fails with.
/// </summary>
public sealed class MacListenerCollectorTests
{
    [Fact]
    public void A_socket_held_by_several_processes_is_listed_once_with_the_lowest_pid()
    {
        // nginx-style: workers inherit the master's listening socket, and the walk visits pids in any order.
        var found = new MacListenerCollector();
        found.Add(TcpListener(8080, handle: 0xfffffe10_00000a00), SocketFdInfoParser.Length, 700);
        found.Add(TcpListener(8080, handle: 0xfffffe10_00000a00), SocketFdInfoParser.Length, 300);
        found.Add(TcpListener(8080, handle: 0xfffffe10_00000a00), SocketFdInfoParser.Length, 500);
        found.Add(TcpListener(9090, handle: 0xfffffe10_00000b00), SocketFdInfoParser.Length, 700);

        Assert.Collection(
            found.Sockets,
            s => Assert.Equal((8080, 300), (s.Port, s.ProcessId!.Value)),
            s => Assert.Equal((9090, 700), (s.Port, s.ProcessId!.Value)));
    }

    [Fact]
    public void Two_sockets_on_the_same_address_stay_two()
    {
        // SO_REUSEPORT: same protocol, address and port, different kernel sockets.
        var found = new MacListenerCollector();
        found.Add(TcpListener(8080, handle: 1), SocketFdInfoParser.Length, 10);
        found.Add(TcpListener(8080, handle: 2), SocketFdInfoParser.Length, 11);

        Assert.Equal(new long?[] { 1, 2 }, found.Sockets.Select(s => s.SocketId));
    }

    [Fact]
    public void A_socket_without_a_handle_is_never_merged()
    {
        var found = new MacListenerCollector();
        found.Add(TcpListener(8080, handle: 0), SocketFdInfoParser.Length, 10);
        found.Add(TcpListener(8080, handle: 0), SocketFdInfoParser.Length, 11);

        Assert.Equal(2, found.Sockets.Count);
    }

    [Fact]
    public void An_odd_socket_is_skipped_and_the_others_are_kept()
    {
        var odd = TcpListener(7000, handle: 3);
        odd[SocketFdInfoParser.VFlagOffset] = 0; // neither INI_IPV4 nor INI_IPV6
        var found = new MacListenerCollector();
        found.Add(TcpListener(6000, handle: 1), SocketFdInfoParser.Length, 10);
        found.Add(odd, SocketFdInfoParser.Length, 10);
        found.Add(Build(family: 30, kind: 1, protocol: 17, port: 5353, vflag: 2, address: IPAddress.IPv6Any, tcpState: 0, handle: 4), SocketFdInfoParser.Length, 10);

        Assert.Equal(new[] { 6000, 5353 }, found.Sockets.Select(s => s.Port));
    }

    [Fact]
    public void An_answer_longer_than_792_bytes_is_accepted()
    {
        var found = new MacListenerCollector();
        found.Add(TcpListener(8080, handle: 5, length: 800), 800, 10);

        Assert.Equal(8080, Assert.Single(found.Sockets).Port);
    }

    [Fact]
    public void Processes_denied_with_eperm_are_counted_for_a_warning_that_says_to_use_sudo()
    {
        var found = new MacListenerCollector();
        found.DescriptorsUnreadable(MacListenerCollector.Eperm);
        found.DescriptorsUnreadable(3); // ESRCH: exited since proc_listpids, nothing is missing
        found.DescriptorsUnreadable(MacListenerCollector.Eperm);
        found.DescriptorsUnreadable(0); // no descriptors at all

        Assert.Equal(2, found.UnreadableProcesses);
        Assert.Contains("may be missing", found.UnreadableReason, StringComparison.Ordinal);
        Assert.Contains("run with sudo", found.UnreadableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_denied_processes_there_is_no_warning()
    {
        var found = new MacListenerCollector();
        found.DescriptorsUnreadable(3);
        found.Add(TcpListener(8080, handle: 5), SocketFdInfoParser.Length, 10);

        Assert.Equal(0, found.UnreadableProcesses);
        Assert.Null(found.UnreadableReason);
    }
}

using LoopbackTools.Binding;
using LoopbackTools.Connection;

namespace LoopbackTools.Tests.Binding;

/// <summary>
/// The Bind step for a port nothing listens on, from parsed values: the sysctl text forms, Windows' netsh output
/// (Fixtures/netsh, laid out as netsh prints it) and the judgement. The real sysctls, sockets and a non-root bind
/// are in <see cref="PortBindRealTests"/>.
/// </summary>
public sealed class PortBindJudgementTests
{
    private static readonly string Netsh = Path.Combine(AppContext.BaseDirectory, "Fixtures", "netsh");

    [Fact]
    public void Sysctl_text_forms_parse()
    {
        Assert.Equal("32768-60999", LinuxPortSysctls.ParseRange("32768\t60999\n").ToString());
        Assert.Null(LinuxPortSysctls.ParseRange("garbage"));
        Assert.Equal(new[] { "8080", "9000-9010" }, LinuxPortSysctls.ParseList("8080,9000-9010\n").Select(r => r.ToString()));
        Assert.Empty(LinuxPortSysctls.ParseList("\n"));
    }

    [Fact]
    public void Netsh_output_parses_with_administered_ranges_and_the_dynamic_range()
    {
        var parsed = Fixture("excludedportrange-tcp.txt", "dynamicport-tcp.txt");

        Assert.Equal(new[] { "1080-1179", "2869", "5357", "50000-50059", "63134-63233" }, parsed.Excluded.Select(r => r.ToString()));
        Assert.Equal("50000-50059", Assert.Single(parsed.Administered).ToString());
        Assert.Equal("49152-65535", parsed.DynamicRange.ToString());
    }

    [Fact]
    public void Netsh_output_in_another_display_language_parses_by_its_numbers()
    {
        var parsed = Fixture("excludedportrange-tcp-de.txt", null);

        Assert.Equal("3000-3099", Assert.Single(parsed.Excluded).ToString());
        Assert.Null(parsed.DynamicRange);
    }

    [Fact]
    public void A_port_in_a_WinNAT_excluded_range_warns_with_access_forbidden_and_the_winnat_fix()
    {
        var verdict = UnboundPortJudge.Judge(1100, new PortBindFacts(null, null, Fixture("excludedportrange-tcp.txt", "dynamicport-tcp.txt")));

        Assert.Equal(ConnectionStatus.Warn, verdict.Status);
        Assert.Equal("port 1100 lies in the excluded port range 1080-1179 (reserved by Hyper-V or WinNAT): a bind fails with 'access forbidden' although nothing listens - use a port outside it, or claim it first: net stop winnat, netsh int ipv4 add excludedportrange protocol=tcp startport=1100 numberofports=1, net start winnat", verdict.Finding);
        Assert.Contains("excluded port ranges (tcp): 1080-1179, 2869, 5357, 50000-50059*, 63134-63233", verdict.Evidence);
    }

    [Fact]
    public void A_port_in_an_administered_range_names_the_delete_command()
    {
        var verdict = UnboundPortJudge.Judge(50010, new PortBindFacts(null, null, Fixture("excludedportrange-tcp.txt", "dynamicport-tcp.txt")));

        Assert.EndsWith("remove it: netsh int ipv4 delete excludedportrange protocol=tcp startport=50000 numberofports=60", verdict.Finding, StringComparison.Ordinal);
        Assert.Contains("dynamic port range (tcp): 49152-65535 (port 50010 inside: an outgoing connection may take it)", verdict.Evidence);
    }

    [Fact]
    public void A_free_port_outside_every_range_passes()
    {
        var verdict = UnboundPortJudge.Judge(3001, new PortBindFacts(null, null, Fixture("excludedportrange-tcp.txt", "dynamicport-tcp.txt")));

        Assert.Equal(ConnectionStatus.Pass, verdict.Status);
        Assert.Equal("nothing listens on port 3001 yet, and nothing here keeps a server from binding it", verdict.Finding);
    }

    [Fact]
    public void Only_TIME_WAIT_sockets_point_to_SO_REUSEADDR()
    {
        var sysctls = new LinuxPortSysctls(1024, new PortRange(32768, 60999), Array.Empty<PortRange>(), string.Empty);
        var held = new[] { new HeldPortSocket("TIME-WAIT", "127.0.0.1:40000", "127.0.0.1:8080") };

        var verdict = UnboundPortJudge.Judge(40000, new PortBindFacts(sysctls, held, null));

        Assert.Equal("local port 40000 is held by a closed connection (TIME-WAIT 127.0.0.1:40000 -> 127.0.0.1:8080): a server without SO_REUSEADDR gets 'address already in use' for about 60 s - set SO_REUSEADDR in the server, or wait, and keep outgoing connections off it: sysctl -w net.ipv4.ip_local_reserved_ports=40000", verdict.Finding);
    }

    [Fact]
    public void Unreadable_facts_skip_as_before()
    {
        Assert.Equal(ConnectionStatus.Skipped, UnboundPortJudge.Judge(3001, null).Status);
    }

    private static WindowsPortExclusions Fixture(string excluded, string? dynamic) =>
        WindowsPortExclusions.Parse(File.ReadAllText(Path.Combine(Netsh, excluded)), dynamic is null ? string.Empty : File.ReadAllText(Path.Combine(Netsh, dynamic)));
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Resolution;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Connection;

/// <summary>
/// A hosts line the OS resolver skips, shown real first (getent and Python's getaddrinfo read the test's hosts file
/// in a child mount namespace), then named by the HostsFile step with its line, its reason and the fix instead of
/// "add a line" for a line that is there; the fix applied, the real clients and the check agree.
/// </summary>
public sealed class HostsOsReadingRealTests(ITestOutputHelper output)
{
    private const string Bom = "\uFEFF";

    [RequiresFact("unshare", "busybox", "getent", "python3")]
    public void A_first_line_glibc_skips_for_its_byte_order_mark_is_named_and_the_fix_works()
    {
        var port = FreePort.Tcp(IPAddress.Loopback);
        using var server = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-h", Path.GetTempPath() });
        WaitListening(port);
        var broken = Bom + "127.0.0.1 localhost\n";

        // The fault, real: the clients that ask the OS find no localhost at all (the file's only line is skipped).
        var clients = AskTheOs(broken, port);
        output.WriteLine(clients);
        Assert.Contains("getent: exit 2", clients, StringComparison.Ordinal);
        Assert.Contains("python: gaierror", clients, StringComparison.Ordinal);

        var report = ConnectionProbe.Run(broken, port, "--timeout-ms", "1000");
        output.WriteLine(report.ToString());
        var hosts = report[ConnectionStep.HostsFile];
        Assert.Equal(ConnectionStatus.Fail, hosts.Status);
        Assert.Contains("line 1 starts with a UTF-8 byte-order mark (EF BB BF): glibc reads it as part of the address and skips the line - save the file as UTF-8 without a byte-order mark", hosts.Finding, StringComparison.Ordinal);
        Assert.Contains("so glibc finds no localhost line", hosts.Finding, StringComparison.Ordinal);
        Assert.DoesNotContain("add '", hosts.Finding, StringComparison.Ordinal);
        Assert.Contains(hosts.Evidence, e => e.EndsWith("line 1 starts with a UTF-8 byte-order mark (EF BB BF): glibc reads it as part of the address and skips the line", StringComparison.Ordinal));
        var resolution = report[ConnectionStep.Resolution];
        Assert.DoesNotContain("add '127.0.0.1 localhost'", resolution.Finding, StringComparison.Ordinal);
        Assert.DoesNotContain("restore '127.0.0.1 localhost'", resolution.Finding, StringComparison.Ordinal);

        // The fix: the same file saved without the mark.
        var fixedHosts = broken.Substring(Bom.Length);
        var after = AskTheOs(fixedHosts, port);
        output.WriteLine(after);
        Assert.Contains("getent: 127.0.0.1 STREAM localhost", after, StringComparison.Ordinal);
        Assert.Contains("python: ['127.0.0.1'] connect: ok", after, StringComparison.Ordinal);
        var healed = ConnectionProbe.Run(fixedHosts, port);
        output.WriteLine(healed.ToString());
        Assert.NotEqual(ConnectionStatus.Fail, healed[ConnectionStep.HostsFile].Status);
        Assert.DoesNotContain("byte-order mark", healed[ConnectionStep.HostsFile].Finding, StringComparison.Ordinal);
        Assert.True(healed.Healthy, healed.ToString());
    }

    [RequiresFact("unshare", "getent", "python3")]
    public void Test_LocalhostResolution_names_a_leading_zero_address_glibc_skips()
    {
        var hostsText = "127.0.0.1 localhost\n::1 localhost\n127.000.0.1 app.test\n";
        var clients = AskTheOs(hostsText, 9, "app.test");
        output.WriteLine(clients);
        Assert.Contains("getent: exit 2", clients, StringComparison.Ordinal);
        Assert.Contains("python: gaierror", clients, StringComparison.Ordinal);

        var report = Assert.Single(ResolutionProbeProcess.Run(hostsText, "--name", "app.test", "--layer", "HostsFile"));
        var hosts = report.Layer(ResolutionLayer.HostsFile);
        output.WriteLine(hosts.Finding);
        Assert.Equal(ResolutionStatus.Fail, hosts.Status);
        Assert.Contains("line 3 has the address '127.000.0.1': glibc reads no IPv4 part with a leading zero, so it skips the line - write each part without leading zeros", hosts.Finding, StringComparison.Ordinal);
        Assert.Contains("so glibc finds no app.test line", hosts.Finding, StringComparison.Ordinal);
        Assert.Empty(hosts.Addresses);
    }

    /// <summary>getent ahosts and Python's socket.getaddrinfo (then a connect to the port) with the given hosts file, in a child mount namespace.</summary>
    private static string AskTheOs(string hostsText, int port, string name = "localhost")
    {
        var folder = Directory.CreateTempSubdirectory("lbt-osread-").FullName;
        try
        {
            var hosts = Path.Combine(folder, "hosts");
            var nsswitch = Path.Combine(folder, "nsswitch.conf");
            File.WriteAllText(hosts, hostsText);
            File.WriteAllText(nsswitch, "hosts: files\n");
            const string python = "import socket,sys\n" +
                "try:\n  infos = socket.getaddrinfo(sys.argv[1], int(sys.argv[2]), type=socket.SOCK_STREAM)\n" +
                "except socket.gaierror as e:\n  print('python: gaierror', e); sys.exit(0)\n" +
                "print('python:', sorted({i[4][0] for i in infos}), end=' ')\n" +
                "s = socket.socket(infos[0][0], socket.SOCK_STREAM); s.settimeout(2)\n" +
                "try:\n  s.connect(infos[0][4]); print('connect: ok')\n" +
                "except OSError as e:\n  print('connect:', type(e).__name__)\n";
            var script = "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/nsswitch.conf && " +
                "{ out=$(getent ahosts \"$3\"); rc=$?; echo \"$out\" | tr -s ' ' | sed 's/^/getent: /'; echo \"getent: exit $rc\"; } && python3 -c \"$5\" \"$3\" \"$4\"";
            return Run.Command("unshare", new[] { "--mount", "bash", "-c", script, "ask", hosts, nsswitch, name, port.ToString(CultureInfo.InvariantCulture), python }, TimeSpan.FromSeconds(30))
                .EnsureSuccess("asking the OS").Output;
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static void WaitListening(int port) => Eventually.True(() =>
    {
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, TimeSpan.FromSeconds(10), $"a listener on 127.0.0.1 port {port}");
}

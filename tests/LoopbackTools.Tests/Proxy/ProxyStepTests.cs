using LoopbackTools.Connection;
using LoopbackTools.Proxy;

namespace LoopbackTools.Tests.Proxy;

/// <summary>
/// The Proxy step's verdicts from variables and WinINET fixtures. Which client proxies what is checked against the
/// real clients in <see cref="RealClientProxyTests"/>; these pin the finding, the remedy and the documented rules
/// of the families that are not installed here (Go) or not switched on (Node's NODE_USE_ENV_PROXY).
/// </summary>
public sealed class ProxyStepTests
{
    private const string Proxy = "http://127.0.0.1:3128";

    [Fact]
    public void No_proxy_setting_passes()
    {
        var verdict = Judge(new Dictionary<string, string>());

        Assert.Equal(ConnectionStatus.Pass, verdict.Status);
        Assert.Equal("no proxy variable is set: HTTP clients connect to localhost:3001 directly", verdict.Finding);
    }

    [Fact]
    public void Uppercase_HTTP_PROXY_warns_for_the_clients_that_read_it_and_names_the_fix()
    {
        var verdict = Judge(new() { ["HTTP_PROXY"] = Proxy, ["NO_PROXY"] = string.Empty });

        Assert.Equal(ConnectionStatus.Warn, verdict.Status);
        Assert.Equal($"HTTP_PROXY={Proxy} sends localhost, 127.0.0.1 and [::1] to the proxy from .NET and Python - set NO_PROXY=localhost,127.0.0.1,::1,[::1]", verdict.Finding);
        Assert.Contains("curl http://localhost:3001 -> direct (curl reads only lowercase http_proxy)", verdict.Evidence);
        Assert.Contains($".NET http://[::1]:3001 -> proxy (HTTP_PROXY={Proxy})", verdict.Evidence);
        Assert.Contains("Go http://127.0.0.1:3001 -> direct (Go never proxies localhost or loopback)", verdict.Evidence);
        Assert.Contains("Node http://localhost:3001 -> direct (Node: only with NODE_USE_ENV_PROXY=1)", verdict.Evidence);
    }

    [Fact]
    public void NO_PROXY_localhost_alone_leaves_the_addresses_to_the_proxy_and_the_fix_keeps_the_existing_entries()
    {
        var verdict = Judge(new() { ["http_proxy"] = Proxy, ["NO_PROXY"] = "localhost,a.test" });

        Assert.Equal($"http_proxy={Proxy} sends 127.0.0.1 and [::1] to the proxy from curl, .NET and Python - set NO_PROXY=localhost,a.test,127.0.0.1,::1,[::1]", verdict.Finding);
    }

    [Fact]
    public void A_lowercase_no_proxy_is_read_first_so_the_fix_names_both()
    {
        var verdict = Judge(new() { ["http_proxy"] = Proxy, ["NO_PROXY"] = "localhost,127.0.0.1,::1,[::1]", ["no_proxy"] = "a.test" });

        Assert.Equal(ConnectionStatus.Warn, verdict.Status);
        Assert.EndsWith(" - set no_proxy and NO_PROXY to a.test,localhost,127.0.0.1,::1,[::1]", verdict.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_the_client_families_group_differently_each_group_is_named()
    {
        var verdict = Judge(new() { ["http_proxy"] = Proxy, ["NO_PROXY"] = "localhost,127.0.0.1,::1" });

        Assert.Equal($"http_proxy={Proxy} sends [::1] to the proxy from .NET - set NO_PROXY=localhost,127.0.0.1,::1,[::1]", verdict.Finding);
    }

    [Fact]
    public void The_recommended_value_passes_and_an_HTTPS_proxy_is_judged_for_https_urls_too()
    {
        var verdict = Judge(new() { ["http_proxy"] = Proxy, ["HTTPS_PROXY"] = Proxy, ["NO_PROXY"] = "localhost,127.0.0.1,::1,[::1]" });

        Assert.Equal(ConnectionStatus.Pass, verdict.Status);
        Assert.Equal("http_proxy, HTTPS_PROXY, NO_PROXY set, but no client family sends localhost, 127.0.0.1 and [::1] to a proxy", verdict.Finding);
        Assert.Contains("curl https://[::1]:3001 -> direct (NO_PROXY entry ::1)", verdict.Evidence);
        Assert.Contains(".NET https://[::1]:3001 -> direct (NO_PROXY entry [::1])", verdict.Evidence);
    }

    [Fact]
    public void A_name_other_than_localhost_is_added_to_the_fix()
    {
        var verdict = ProxyStep.Judge("app.localhost", 3001, new ProxyEnvironment(new Dictionary<string, string> { ["HTTP_PROXY"] = Proxy }), null);

        Assert.EndsWith(" - set NO_PROXY=app.localhost,localhost,127.0.0.1,::1,[::1]", verdict.Finding, StringComparison.Ordinal);
        Assert.Contains($"Go http://app.localhost:3001 -> proxy (HTTP_PROXY={Proxy})", verdict.Evidence); // Go spares only localhost and loopback literals
    }

    [Fact]
    public void WinINET_local_covers_loopback_for_dotnet_but_only_dotless_names_for_python()
    {
        var verdict = Judge(new Dictionary<string, string>(), WinInetRegFile.Read("local-override.reg"));

        Assert.Equal(ConnectionStatus.Warn, verdict.Status);
        Assert.Equal("WinINET ProxyServer=127.0.0.1:3128 sends 127.0.0.1 to the proxy from Python - add <local>;127.0.0.1;[::1] to ProxyOverride (Internet Options, LAN settings: bypass the proxy for local addresses)", verdict.Finding);
        Assert.Contains("WinINET ProxyOverride=*.corp.example;<local>", verdict.Evidence);
        Assert.Contains(".NET http://127.0.0.1:3001 -> direct (WinINET ProxyOverride entry <local>)", verdict.Evidence);
        Assert.Contains("curl http://127.0.0.1:3001 -> direct (no proxy setting)", verdict.Evidence); // curl never reads WinINET
    }

    [Fact]
    public void WinINET_per_scheme_servers_are_judged_per_scheme()
    {
        var verdict = Judge(new Dictionary<string, string>(), WinInetRegFile.Read("per-scheme.reg"));

        Assert.Equal(ConnectionStatus.Warn, verdict.Status);
        Assert.StartsWith("WinINET ProxyServer=127.0.0.1:3128 and WinINET ProxyServer=127.0.0.1:3129 send localhost, 127.0.0.1 and [::1] to the proxy from .NET and Python", verdict.Finding, StringComparison.Ordinal);
        Assert.Contains(".NET https://localhost:3001 -> proxy (WinINET ProxyServer=127.0.0.1:3129)", verdict.Evidence);
    }

    [Theory]
    [InlineData("disabled.reg")]
    [InlineData("loopback-listed.reg")]
    public void WinINET_switched_off_or_listing_loopback_passes(string fixture)
    {
        var verdict = Judge(new Dictionary<string, string>(), WinInetRegFile.Read(fixture));

        Assert.Equal(ConnectionStatus.Pass, verdict.Status);
    }

    [Fact]
    public void A_proxy_variable_wins_over_WinINET()
    {
        var route = ProxyRouting.Route(ClientFamily.DotNet, "http", "127.0.0.1", 3001, new ProxyEnvironment(new Dictionary<string, string> { ["NO_PROXY"] = "127.0.0.1", ["http_proxy"] = Proxy }), WinInetRegFile.Read("per-scheme.reg"));

        Assert.False(route.Proxied);
        Assert.Equal("NO_PROXY entry 127.0.0.1", route.Reason);
    }

    [Theory] // documented rules of families the real-client tests cannot run here
    [InlineData("Go", "*", "app.test", "*")]
    [InlineData("Go", "test", "app.test", "test")]
    [InlineData("Go", "198.51.100.0/24", "198.51.100.7", "198.51.100.0/24")]
    [InlineData("Node", ".test", "app.test", ".test")]
    [InlineData("Node", "*.test", "app.test", "*.test")]
    [InlineData("Node", "localhost:3001", "localhost", "localhost:3001")]
    [InlineData("Node", "localhost:3002", "localhost", null)]
    [InlineData("Node", "test", "app.test", null)]
    [InlineData("Curl", "127.0.0.0/8", "127.0.0.9", "127.0.0.0/8")]
    [InlineData("Python", "127.0.0.0/8", "127.0.0.9", "127.0.0.0/8")]
    [InlineData("DotNet", "127.0.0.0/8", "127.0.0.9", null)]
    public void NO_PROXY_entries_match_as_each_family_documents(string family, string noProxy, string host, string? entry)
    {
        Assert.Equal(entry, NoProxyMatcher.Bypassing(Enum.Parse<ClientFamily>(family), noProxy, host, 3001));
    }

    [Fact]
    public void Node_reads_the_variables_once_told_to()
    {
        var variables = new ProxyEnvironment(new Dictionary<string, string> { ["NODE_USE_ENV_PROXY"] = "1", ["HTTP_PROXY"] = Proxy, ["NO_PROXY"] = "localhost" });

        Assert.False(ProxyRouting.Route(ClientFamily.Node, "http", "localhost", 3001, variables, null).Proxied);
        Assert.True(ProxyRouting.Route(ClientFamily.Node, "http", "127.0.0.1", 3001, variables, null).Proxied);
    }

    private static StepVerdict Judge(Dictionary<string, string> variables, WinInetProxySettings? winInet = null) =>
        ProxyStep.Judge("localhost", 3001, new ProxyEnvironment(variables), winInet);
}

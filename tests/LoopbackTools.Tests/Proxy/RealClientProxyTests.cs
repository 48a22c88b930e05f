using System.Diagnostics;
using System.Globalization;
using System.Net;
using LoopbackTools.Proxy;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Resolution;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Proxy;

/// <summary>
/// Every claim the Proxy step makes about a client, checked against the real client: curl, .NET's HttpClient (a child
/// process: .NET reads the variables once per process), python3-requests and Node each request http://localhost:P,
/// http://127.0.0.1:P and http://[::1]:P under a set of proxy variables, and tinyproxy's log tells which requests
/// went through it. The model (<see cref="ProxyRouting"/>) must predict exactly those.
/// </summary>
public sealed class RealClientProxyTests(Tinyproxy proxy, ITestOutputHelper output) : IClassFixture<Tinyproxy>
{
    private static readonly string[] ProxyVariables = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY", "REQUEST_METHOD", "NODE_USE_ENV_PROXY" };

    private static readonly string[] Hosts = { "localhost", "127.0.0.1", "::1" };

    /// <summary>Variable sets; "PROXY" stands for the tinyproxy URL.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "upper-http", "HTTP_PROXY=PROXY" },
        { "lower-http", "http_proxy=PROXY" },
        { "all", "ALL_PROXY=PROXY" },
        { "no-localhost", "http_proxy=PROXY|NO_PROXY=localhost" },
        { "upper-three", "HTTP_PROXY=PROXY|NO_PROXY=localhost,127.0.0.1,::1" },
        { "the-fix", "http_proxy=PROXY|HTTP_PROXY=PROXY|NO_PROXY=localhost,127.0.0.1,::1,[::1]" },
        { "cidr", "http_proxy=PROXY|NO_PROXY=127.0.0.0/8,::1/128" },
        { "star", "http_proxy=PROXY|NO_PROXY=*" },
        { "suffix", "http_proxy=PROXY|NO_PROXY=ost" },
        { "dot", "http_proxy=PROXY|NO_PROXY=.localhost" },
        { "brackets", "http_proxy=PROXY|NO_PROXY=[::1]" },
        { "lowercase-wins", "http_proxy=PROXY|NO_PROXY=localhost|no_proxy=a.test" },
        { "cgi", "HTTP_PROXY=PROXY|REQUEST_METHOD=GET" },
        { "spaces", "http_proxy=PROXY|NO_PROXY=localhost, 127.0.0.1, ::1" },
    };

    [RequiresTheory("tinyproxy", "curl", "busybox", "node")]
    [MemberData(nameof(Cases))]
    public void The_model_predicts_which_requests_each_real_client_sends_to_the_proxy(string label, string variables)
    {
        var port = FreePort.Tcp(IPAddress.IPv6Any);
        using var server = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", port.ToString(CultureInfo.InvariantCulture), "-h", Path.GetTempPath() });
        var environment = variables.Split('|').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Replace("PROXY", proxy.Url, StringComparison.Ordinal), StringComparer.Ordinal);
        var model = new ProxyEnvironment(environment);

        var mismatches = new List<string>();
        var proxiedCount = 0;
        foreach (var family in new[] { ClientFamily.Curl, ClientFamily.DotNet, ClientFamily.Python, ClientFamily.Node })
        {
            var urls = Hosts.ToDictionary(h => h, h => ProxyRouting.Url("http", h, port) + "/" + family + "-" + label);
            Send(family, urls.Values, environment);
            foreach (var (host, url) in urls)
            {
                var predicted = ProxyRouting.Route(family, "http", host, port, model, null);
                var real = proxy.Forwarded(url);
                proxiedCount += real ? 1 : 0;
                output.WriteLine($"{family} {url}: real {(real ? "proxy" : "direct")}, model {predicted.Reason}");
                if (predicted.Proxied != real)
                {
                    mismatches.Add($"{family} {url}: the real client went {(real ? "through the proxy" : "direct")}, the model says {predicted.Reason}");
                }
            }
        }

        Assert.Empty(mismatches);
        if (label == "the-fix")
        {
            Assert.Equal(0, proxiedCount); // the NO_PROXY the step recommends keeps every real client off the proxy
        }
        else if (label is "lower-http" or "all")
        {
            Assert.Equal(9, proxiedCount); // curl, .NET and Python proxy all three; Node none
        }
    }

    private void Send(ClientFamily family, IEnumerable<string> urls, IDictionary<string, string> environment)
    {
        var list = urls.ToArray();
        var (program, arguments) = family switch
        {
            ClientFamily.Curl => ("curl", new[] { "-s", "-m", "5" }.Concat(list.SelectMany(u => new[] { "-o", "/dev/null", u })).ToArray()),
            ClientFamily.DotNet => ("dotnet", new[] { ResolutionProbeProcess.DllPath, "http-get" }.Concat(list).ToArray()),
            // Debian's python3 with python3-requests, not whatever python3 comes first on PATH.
            ClientFamily.Python => ("/usr/bin/python3", new[] { "-c", "import requests, sys\nfor u in sys.argv[1:]:\n    try: requests.get(u, timeout=5)\n    except Exception as e: print(u, e)" }.Concat(list).ToArray()),
            _ => ("node", new[] { "-e", "(async () => { for (const u of process.argv.slice(1)) await new Promise(r => require('http').get(u, s => { s.resume(); s.on('end', r); }).on('error', r)); })()" }.Concat(list).ToArray()),
        };
        var info = ProcessStart.Info(Component.Find(program) ?? program, arguments, null);
        foreach (var name in ProxyVariables)
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), $"{program} did not finish");
        output.WriteLine($"{program}: exit {process.ExitCode} {stdout.Result}{stderr.Result}".TrimEnd());
    }
}

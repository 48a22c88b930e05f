using System.Globalization;
using LoopbackTools.Dns;
using LoopbackTools.Resolution;

namespace LoopbackTools.ResolutionProbe;

/// <summary>
/// <c>check|bench|servers [--name N]... [--layer L]... [--dns host:port]... [--hosts PATH] [--tcp]
/// [--port P] [--timeout-ms T] [--runs N]</c>: the options of Test-LocalhostResolution, as plain arguments
/// (`servers` prints the system name servers DnsClient finds in this process's /etc/resolv.conf).
/// </summary>
internal sealed class ProbeArguments
{
    public string Mode { get; private set; } = "check";

    public List<string> Names { get; } = new();

    public LocalhostResolutionOptions Options { get; } = new();

    public int? Port { get; private set; }

    public int Runs { get; private set; } = 50;

    public static ProbeArguments Parse(string[] args)
    {
        var parsed = new ProbeArguments();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            parsed.Mode = args[i++];
        }

        while (i < args.Length)
        {
            var flag = args[i++];
            string Value() => i < args.Length ? args[i++] : throw new ArgumentException("missing value after " + flag);
            switch (flag)
            {
                case "--name": parsed.Names.Add(Value()); break;
                case "--layer": parsed.Options.Layers.Add(Enum.Parse<ResolutionLayer>(Value(), ignoreCase: true)); break;
                case "--dns": parsed.Options.DnsServers.Add(DnsServerAddress.Parse(Value())); break;
                case "--hosts": parsed.Options.HostsFilePath = Value(); break;
                case "--tcp": parsed.Options.UseTcp = true; break;
                case "--port": parsed.Port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--timeout-ms": parsed.Options.Timeout = TimeSpan.FromMilliseconds(int.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--runs": parsed.Runs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException("unknown argument " + flag);
            }
        }

        if (parsed.Names.Count == 0)
        {
            parsed.Names.Add(LocalhostNames.Localhost);
        }

        return parsed;
    }
}

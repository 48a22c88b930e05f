using System;
using System.Linq;

namespace LoopbackTools.Resolution.Sources;

/// <summary>
/// Names the source that answered an OS lookup. getaddrinfo does not say which NSS module answered, so the chain is
/// walked the way glibc walks it, predicting each module's status from the configuration (the hosts file maps the
/// name or not; myhostname answers its fixed names; resolve is UNAVAIL unless systemd-resolved runs; dns is
/// UNAVAIL without name servers; mdns answers only .local) and honouring each [STATUS=ACTION]. The first module
/// predicted to succeed is the source. On macOS and Windows the documented order is applied the same way.
/// </summary>
internal static class ResolverSourceAttribution
{
    public static ResolverSource Attribute(ResolverConfiguration configuration, string name, bool answered, bool hostsFileMapsName)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        var bare = (name ?? string.Empty).Trim();
        return configuration.Platform switch
        {
            ResolverPlatform.Windows => Windows(configuration, bare, answered, hostsFileMapsName),
            ResolverPlatform.MacOS => MacOS(bare, answered, hostsFileMapsName),
            _ => Linux(configuration, bare, answered, hostsFileMapsName),
        };
    }

    /// <summary>The names nss-myhostname answers itself (systemd's nss-myhostname(8)), with or without the trailing dot.</summary>
    internal static bool MyhostnameAnswers(string name, string hostName)
    {
        var n = name.TrimEnd('.').ToLowerInvariant();
        return n == "localhost" || n == "localhost.localdomain" || n.EndsWith(".localhost", StringComparison.Ordinal)
            || n.EndsWith(".localhost.localdomain", StringComparison.Ordinal)
            || n == "_gateway" || n == "_outbound" || n == "_localdnsstub" || n == "_localdnsproxy"
            || (hostName.Length > 0 && string.Equals(n, hostName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
    }

    private static ResolverSource Linux(ResolverConfiguration configuration, string name, bool answered, bool hostsFileMapsName)
    {
        var chain = configuration.Chain.Select(s => s.Text).ToArray();
        var line = "hosts: " + string.Join(" ", chain) + (configuration.ChainIsDefault ? ", glibc's default: nsswitch.conf has no hosts line" : string.Empty);
        if (!answered)
        {
            return new ResolverSource(string.Empty, chain, $" after asking {line}");
        }

        foreach (var source in configuration.Chain)
        {
            var status = Predict(configuration, source.Name, name, hostsFileMapsName);
            if (status == NssStatus.Success)
            {
                var (label, words, note) = Describe(configuration, source.Name);
                return new ResolverSource(label, chain, $" from {words} ({line}){note}");
            }

            if (source.ReturnsOn(status))
            {
                break;
            }
        }

        return new ResolverSource(string.Empty, chain, $" from a source that cannot be named ({line})");
    }

    private static NssStatus Predict(ResolverConfiguration configuration, string module, string name, bool hostsFileMapsName)
    {
        if (!configuration.InstalledModules.Contains(module))
        {
            return NssStatus.Unavail;
        }

        switch (module)
        {
            case "files":
                // glibc compares names exactly: "localhost." does not match a "localhost" line.
                return hostsFileMapsName && !name.EndsWith(".", StringComparison.Ordinal) ? NssStatus.Success : NssStatus.NotFound;
            case "myhostname":
                return MyhostnameAnswers(name, configuration.HostName) ? NssStatus.Success : NssStatus.NotFound;
            case "resolve":
                return configuration.ResolvedRunning ? NssStatus.Success : NssStatus.Unavail;
            case "dns":
                return configuration.NameServers.Length > 0 ? NssStatus.Success : NssStatus.Unavail;
            default:
                if (module.StartsWith("mdns", StringComparison.Ordinal))
                {
                    // nss-mdns: the minimal variants are UNAVAIL outside .local, so [NOTFOUND=return] stops only .local names.
                    var local = name.TrimEnd('.').EndsWith(".local", StringComparison.OrdinalIgnoreCase);
                    return local ? NssStatus.Success : NssStatus.Unavail;
                }

                // An unknown module (nis, libvirt, wins...): its answer cannot be predicted; assume it has none.
                return NssStatus.NotFound;
        }
    }

    private static (string Label, string Words, string Note) Describe(ResolverConfiguration configuration, string module) => module switch
    {
        "files" => ("files", "the hosts file", string.Empty),
        "myhostname" => ("myhostname", "nss-myhostname", ", which answers localhost, *.localhost and this machine's name itself"),
        "resolve" => ("resolve", "systemd-resolved", string.Empty),
        "dns" when configuration.NameServersAreResolvedStub => ("systemd-resolved stub", $"the systemd-resolved stub at {string.Join(", ", configuration.NameServers)}", string.Empty),
        "dns" => ("dns", $"DNS at {string.Join(", ", configuration.NameServers)}", string.Empty),
        _ when module.StartsWith("mdns", StringComparison.Ordinal) => (module, "multicast DNS", string.Empty),
        _ => (module, module, string.Empty),
    };

    // Windows: the DNS Client answers localhost and this machine's name itself (the stock hosts file says
    // "localhost name resolution is handled within DNS itself"), then the hosts file (loaded into its cache), DNS, LLMNR, NetBIOS.
    private static ResolverSource Windows(ResolverConfiguration configuration, string name, bool answered, bool hostsFileMapsName)
    {
        var chain = new[] { "local names (localhost, this machine's name)", "hosts file", "DNS", "LLMNR", "NetBIOS" };
        var order = " (Windows order: " + string.Join(", ", chain) + ")";
        if (!answered)
        {
            return new ResolverSource(string.Empty, chain, $" after asking {string.Join(", ", chain)} (the Windows order)");
        }

        var bare = name.TrimEnd('.');
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase) || string.Equals(bare, configuration.HostName, StringComparison.OrdinalIgnoreCase))
        {
            return new ResolverSource("Windows resolver", chain, " from the Windows resolver itself" + order);
        }

        return hostsFileMapsName
            ? new ResolverSource("hosts file", chain, " from the hosts file" + order)
            : new ResolverSource("DNS", chain, " from DNS (or LLMNR, NetBIOS)" + order);
    }

    // macOS: mDNSResponder reads /etc/hosts first, then asks the DNS resolvers (scutil --dns), and multicast DNS for .local.
    private static ResolverSource MacOS(string name, bool answered, bool hostsFileMapsName)
    {
        var chain = new[] { "hosts file", "DNS", "mDNS (.local)" };
        var order = " (macOS order: " + string.Join(", ", chain) + ")";
        if (!answered)
        {
            return new ResolverSource(string.Empty, chain, $" after asking {string.Join(", ", chain)} (the macOS order)");
        }

        if (hostsFileMapsName && !name.EndsWith(".", StringComparison.Ordinal))
        {
            return new ResolverSource("hosts file", chain, " from the hosts file" + order);
        }

        return name.TrimEnd('.').EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            ? new ResolverSource("mDNS", chain, " from multicast DNS" + order)
            : new ResolverSource("DNS", chain, " from DNS" + order);
    }
}

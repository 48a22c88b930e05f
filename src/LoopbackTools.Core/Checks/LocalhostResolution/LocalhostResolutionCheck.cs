using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Dns;

namespace LoopbackTools.Resolution;

/// <summary>
/// Test-LocalhostResolution's engine: for one name, the hosts file, the OS resolver and each DNS server side
/// by side (concurrently, each step bounded by the timeout), then the port matrix when a port is given.
/// </summary>
public sealed class LocalhostResolutionCheck
{
    private readonly DnsServerLayer _dns;
    private readonly LocalhostPortMatrix _matrix;
    private readonly IHostsReader _hosts;

    // The OS's own hosts file, for naming the source: a reader of its own, so a -HostsFilePath document stays cached beside it.
    private readonly IHostsReader _systemHosts;

    public LocalhostResolutionCheck(IListenerLookup? listeners = null, DnsQueryClient? client = null, IHostsReader? hosts = null)
    {
        _hosts = hosts ?? new HostsDocumentReader();
        _systemHosts = hosts ?? new HostsDocumentReader();
        _dns = new DnsServerLayer(client);
        _matrix = new LocalhostPortMatrix(listeners ?? new ScannerListenerLookup());
    }

    /// <exception cref="Diagnostics.LoopbackToolsException">Dns.InvalidName for a name that cannot be asked; Resolution.InvalidPort.</exception>
    public async Task<LocalhostResolutionReport> CheckAsync(string name, LocalhostResolutionOptions options, int? port, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var literal = NameLiteral.Parse(name); // rejects a zoned address; a literal is never looked up
        if (literal is null)
        {
            DnsName.Normalize(name); // rejects bad names and ports before any lookup
        }

        if (port.HasValue)
        {
            LocalhostPortMatrix.ValidatePort(port.Value);
        }

        if (literal is not null)
        {
            return await LiteralAsync(literal, options, port, cancellationToken).ConfigureAwait(false);
        }

        var shown = name.Trim();
        var results = new List<LocalhostResolutionResult>();
        if (options.Includes(ResolutionLayer.HostsFile))
        {
            results.Add(HostsFileLayer.Check(_hosts, shown, options.HostsFilePath));
        }

        var needOs = options.Includes(ResolutionLayer.OsResolver) || port.HasValue;
        var osLookup = needOs ? OsResolverLayer.LookupAsync(shown, options.Timeout, cancellationToken) : null;
        var dnsChecks = options.Includes(ResolutionLayer.DnsServer) ? DnsChecks(shown, options, cancellationToken) : null;

        (IPAddress[]? Addresses, string Failure) os = (null, string.Empty);
        if (osLookup is not null)
        {
            os = await osLookup.ConfigureAwait(false);
            if (options.Includes(ResolutionLayer.OsResolver))
            {
                results.Add(OsResolverLayer.Judge(shown, os.Addresses, os.Failure, OsResolverSource(shown, os.Addresses), SystemHostsUnread(shown)));
            }
        }

        // The matrix needs only the OS order: it runs while slow DNS servers are still being waited for.
        var matrix = port.HasValue
            ? _matrix.ProbeAsync(shown, os.Addresses ?? Array.Empty<IPAddress>(), port.Value, options.Timeout, cancellationToken)
            : null;
        if (dnsChecks is not null)
        {
            results.AddRange(await dnsChecks.ConfigureAwait(false));
        }

        if (matrix is not null)
        {
            results.AddRange(await matrix.ConfigureAwait(false));
        }

        return new LocalhostResolutionReport(results);
    }

    /// <summary>
    /// An address literal (docs/decisions.md 107): one OsResolver row saying it is used as is (no hosts-file row, no DNS
    /// question), then the port matrix over it and 127.0.0.1 and ::1 - only when it is loopback: nothing is sent elsewhere.
    /// </summary>
    private async Task<LocalhostResolutionReport> LiteralAsync(IPAddress literal, LocalhostResolutionOptions options, int? port, CancellationToken cancellationToken)
    {
        var shown = NameLiteral.Shown(literal);
        var loopback = Addressing.AddressClassifier.IsLoopback(literal);
        var results = new List<LocalhostResolutionResult>();
        if (options.Includes(ResolutionLayer.OsResolver) || options.Includes(ResolutionLayer.HostsFile) || options.Includes(ResolutionLayer.DnsServer))
        {
            var unsent = port.HasValue && !loopback ? $"; it is not loopback, so no connection is made to it on port {port} (this module tests this machine's loopback only)" : string.Empty;
            results.Add(new LocalhostResolutionResult(shown, ResolutionLayer.OsResolver, OsResolverLayer.ServerLabel, new[] { literal.ToString() }, loopback, string.Empty, ResolutionStatus.Pass,
                $"{shown} is an address literal: clients use {literal} as is, without a lookup - the hosts file and DNS servers are not asked{unsent}"));
        }

        if (port.HasValue && loopback)
        {
            results.AddRange(await _matrix.ProbeAsync(shown, new[] { literal }, port.Value, options.Timeout, cancellationToken).ConfigureAwait(false));
        }

        return new LocalhostResolutionReport(results);
    }

    /// <summary>Which source answered: the system's configuration and whether the OS's own hosts file (not -HostsFilePath) maps the name.</summary>
    private Sources.ResolverSource OsResolverSource(string name, IPAddress[]? addresses)
    {
        bool mapped;
        try
        {
            mapped = _systemHosts.Find(_systemHosts.DefaultPath, name).Count > 0;
        }
        catch (Diagnostics.LoopbackToolsException)
        {
            mapped = false; // an unreadable hosts file answers nothing
        }

        return Sources.ResolverSourceAttribution.Attribute(Sources.ResolverConfiguration.ReadSystem(), name, addresses is { Length: > 0 }, mapped);
    }

    private Task<IReadOnlyList<LocalhostResolutionResult>> DnsChecks(string name, LocalhostResolutionOptions options, CancellationToken cancellationToken) =>
        _dns.CheckAllAsync(options.DnsServers.ToArray(), name, new DnsQueryOptions { Timeout = options.Timeout, UseTcp = options.UseTcp }, cancellationToken);

    /// <summary>Lines of the OS's own hosts file naming <paramref name="name"/> that glibc skips or reads otherwise (the OS resolver's remedy points at them).</summary>
    private IReadOnlyList<HostsReadingDifference> SystemHostsUnread(string name)
    {
        try
        {
            return _systemHosts.ReadAsOs(_systemHosts.DefaultPath, name)?.Differences ?? Array.Empty<HostsReadingDifference>();
        }
        catch (Diagnostics.LoopbackToolsException)
        {
            return Array.Empty<HostsReadingDifference>();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Binding;
using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;
using LoopbackTools.Proxy;
using LoopbackTools.Resolution;

using LoopbackTools.Addressing;

namespace LoopbackTools.Connection;

/// <summary>
/// Test-LocalhostConnection's engine: measures once (listener table, hosts file and OS lookup at the same time,
/// then a connection to every candidate address), then judges each checklist step from those facts (the Proxy step reads only settings); only the
/// Firewall step (when connections fail), the Container step and -Http ask anything more.
/// </summary>
public sealed class LocalhostConnectionCheck
{
    private readonly IHostsReader _hosts;

    public LocalhostConnectionCheck(IHostsReader? hosts = null)
    {
        _hosts = hosts ?? new HostsDocumentReader();
    }

    /// <exception cref="LoopbackToolsException">Connection.InvalidPort; Dns.InvalidName for a name that cannot be asked.</exception>
    public async Task<IReadOnlyList<LocalhostConnectionStep>> CheckAsync(LocalhostConnectionOptions options, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        Validate(options);
        var literal = NameLiteral.Parse(options.Name);
        var name = literal is null ? options.Name.Trim() : NameLiteral.Shown(literal);
        var port = options.Port;

        var scan = Task.Run(() => ListenerStep.Scan(port, cancellationToken), cancellationToken);
        // The client families' stores are read while the rest is measured (the Tls step needs them last).
        var trustEnvironment = Trust.TrustEnvironment.Current();
        var trusts = options.Https ? Task.Run(() => Trust.TrustReaders.ReadAll(trustEnvironment), cancellationToken) : null;
        // Read before this check's own connections, which would otherwise show up holding or waiting on the port.
        var bindRead = Task.Run(() => PortBindFacts.Read(port, cancellationToken), cancellationToken);
        var loopbackRead = Task.Run(() => LoopbackState.Read(cancellationToken), cancellationToken);
        // A literal is used as is: no lookup, no hosts file (docs/decisions.md 107).
        var lookup = literal is null
            ? OsResolverLayer.LookupAsync(name, options.Timeout, cancellationToken)
            : Task.FromResult<(IPAddress[]? Addresses, string Failure)>((new[] { literal }, string.Empty));
        var (hosts, unread) = literal is null
            ? HostsStep(name, options.HostsFilePath)
            : (LiteralName.HostsFile(name), Array.Empty<HostsReadingDifference>());
        var (addresses, failure) = await lookup.ConfigureAwait(false);
        var resolved = MappedAddress.UnmapAll(addresses);
        var attempts = await ConnectStep.AttemptAsync(LiteralName.Connectable(literal, resolved), port, options.Timeout, cancellationToken).ConfigureAwait(false);
        var (listeners, listenerFailure) = await scan.ConfigureAwait(false);
        // Nothing here: look in every other network namespace of the machine (containers, ip netns, services).
        var elsewhere = listeners is { Count: 0 } && !attempts.Any(a => a.Accepted)
            ? Task.Run(() => Listeners.OtherNamespaceListeners.Find(port, options.Engine, cancellationToken), cancellationToken)
            : null;
        var forwards = ForwardedListener.MeasureAsync(listeners, options.Timeout, cancellationToken);
        var listenerAttempts = await ConnectStep.AttemptListenersAsync(listeners, attempts, port, options.Timeout, cancellationToken).ConfigureAwait(false);
        var bindFacts = listeners is { Count: 0 } ? (await bindRead.ConfigureAwait(false)).WithWindows(options.Timeout) : null;
        var facts = new ConnectionFacts(name, port, listeners, listenerFailure, resolved, attempts, bindFacts, listenerAttempts, await loopbackRead.ConfigureAwait(false), elsewhere is null ? null : await elsewhere.ConfigureAwait(false), await forwards.ConfigureAwait(false), literal);

        var firewall = FirewallStep.JudgeAsync(facts, options, cancellationToken);
        var container = ContainerStep.JudgeAsync(facts, options, cancellationToken);
        var tls = trusts is not null ? TlsStep.JudgeAsync(facts, options.Timeout, trustEnvironment, trusts, cancellationToken) : null;
        // Over TLS the request follows the handshake: a one-connection-at-a-time server (openssl s_server) would otherwise stall one of them.
        var http = options.Http || options.Https ? HttpAfter(tls, facts, options, cancellationToken) : null;

        var steps = new List<LocalhostConnectionStep>
        {
            ListenerStep.Judge(facts, options.ProcessName, cancellationToken).For(name, port, ConnectionStep.Listener),
            hosts.For(name, port, ConnectionStep.HostsFile),
            (literal is null ? ResolutionStep(name, addresses, failure, unread) : LiteralName.Resolution(name, literal)).For(name, port, ConnectionStep.Resolution),
            ConnectStep.Judge(facts).For(name, port, ConnectionStep.Connect),
        };
        if (tls is not null)
        {
            steps.Add((await tls.ConfigureAwait(false)).For(name, port, ConnectionStep.Tls));
        }

        steps.AddRange(new[]
        {
            BindStep.Judge(facts).For(name, port, ConnectionStep.Bind),
            (await firewall.ConfigureAwait(false)).For(name, port, ConnectionStep.Firewall),
            (await container.ConfigureAwait(false)).For(name, port, ConnectionStep.Container),
            ProxyStep.Judge(name, port, ProxyVariables(options), WinInetRegistry.Read()).For(name, port, ConnectionStep.Proxy),
        });
        if (http is not null)
        {
            steps.Add((await http.ConfigureAwait(false)).For(name, port, ConnectionStep.Http));
            steps.Add(BrowserPortStep.Judge(name, port, options.Https).For(name, port, ConnectionStep.Browser));
        }

        return steps;
    }

    private static async Task<StepVerdict> HttpAfter(Task<StepVerdict>? tls, ConnectionFacts facts, LocalhostConnectionOptions options, CancellationToken cancellationToken)
    {
        if (tls is not null)
        {
            await tls.ConfigureAwait(false);
        }

        return await HttpStep.JudgeAsync(facts, options.Timeout, cancellationToken, options.Https).ConfigureAwait(false);
    }

    /// <summary>What -Quiet returns: true when no step failed.</summary>
    public static bool Healthy(IEnumerable<LocalhostConnectionStep> steps) => StepVerdict.AllHealthy(steps.Select(s => s.Status));

    /// <exception cref="LoopbackToolsException">Connection.InvalidPort; Dns.InvalidName; Dns.ZonedAddress.</exception>
    public static void Validate(LocalhostConnectionOptions options)
    {
        if (!TcpPort.IsValid(options.Port))
        {
            throw ConnectionErrors.InvalidPort(options.Port);
        }

        if (NameLiteral.Parse(options.Name) is null)
        {
            DnsName.Normalize(options.Name);
        }
    }

    private static ProxyEnvironment ProxyVariables(LocalhostConnectionOptions options) =>
        options.ProxyVariables is { } given ? new ProxyEnvironment(given) : ProxyEnvironment.Current();

    /// <returns>The step, and the lines naming the name that the OS resolver reads otherwise (for the Resolution step's remedy).</returns>
    private (StepVerdict Step, IReadOnlyList<HostsReadingDifference> Unread) HostsStep(string name, string? path)
    {
        var file = string.IsNullOrEmpty(path) ? _hosts.DefaultPath : path!;
        IReadOnlyList<HostsMapping> mappings;
        Hosts.HostsOsAnswer? os;
        try
        {
            mappings = _hosts.Find(file, name);
            os = _hosts.ReadAsOs(file, name.TrimEnd('.')); // a trailing dot is the Resolution step's finding, as in HostsFileLayer
        }
        catch (LoopbackToolsException e)
        {
            return (StepVerdict.Skipped($"hosts file {file} cannot be read: {e.FullMessage}"), Array.Empty<HostsReadingDifference>());
        }

        return (HostsFileLayer.Verdict(name, file, mappings, RuntimeInformation.IsOSPlatform(OSPlatform.Windows), os),
            os?.Differences ?? Array.Empty<HostsReadingDifference>());
    }

    private static StepVerdict ResolutionStep(string name, IPAddress[]? addresses, string failure, IReadOnlyList<HostsReadingDifference> unread) =>
        OsResolverLayer.Verdict(name, addresses, failure, unread: unread);
}

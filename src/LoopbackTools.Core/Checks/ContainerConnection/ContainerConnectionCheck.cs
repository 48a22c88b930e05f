using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Connection;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;
using LoopbackTools.Judges;
using LoopbackTools.Listeners;
using LoopbackTools.Resolution;

namespace LoopbackTools.ContainerConnection;

/// <summary>
/// Test-ContainerConnection's engine, in Test-LocalhostConnection's style: asks the engine about the container and the
/// target, measures once (the sockets inside, the hosts file and resolver inside, the host's or target's listeners),
/// connects from inside the container's network namespace, then judges each step from those facts; only the Firewall
/// step (when a connection timed out) reads anything more. Every connection and DNS question leaves from inside the
/// container's namespace, to loopback or to addresses the engine and the container's own files report.
/// </summary>
public sealed class ContainerConnectionCheck
{
    /// <exception cref="LoopbackToolsException">
    /// Connection.InvalidPort; ContainerConnection.NotSupported, .NotRunning, .NamespaceDenied; Docker.ContainerNotFound,
    /// Docker.EngineUnreachable, Docker.PermissionDenied and the engine's other errors; Docker.ContainerGone when the
    /// container exits during the check. A file of the container not read is no exception but in the report's Unread.
    /// </exception>
    public async Task<ContainerConnectionReport> CheckAsync(ContainerConnectionOptions options, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (!TcpPort.IsValid(options.Port))
        {
            throw ConnectionErrors.InvalidPort(options.Port);
        }

        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            throw ContainerConnectionErrors.NotSupported("only Linux lets a process enter a container's network namespace (on Windows and macOS the engine's containers run in a VM)");
        }

        var notes = new List<string>();
        var port = options.Port;
        var client = new DockerApiClient(DockerEndpoint.ForThisMachine(options.Engine), options.Timeout);
        var engine = await client.GetEngineAsync(cancellationToken).ConfigureAwait(false);
        notes.Add($"Engine: {engine} at {client.Endpoint.Display}.");
        if (engine.RunsInVirtualMachine)
        {
            throw ContainerConnectionErrors.NotSupported($"{engine} runs its containers in a VM, whose processes this host cannot enter");
        }

        var source = await InspectAsync(client, options.Container, cancellationToken).ConfigureAwait(false);
        if (!source.Running || source.Pid <= 0)
        {
            throw ContainerConnectionErrors.NotRunning(source.Name, source.State);
        }

        EnterOnce(source);
        notes.Add(string.Format(CultureInfo.InvariantCulture, "Container {0} ({1}): pid {2}, network namespace /proc/{2}/ns/net, {3}.", source.Name, DockerJson.Short(source.Id), source.Pid, source.NetworkList));

        var (kind, targetName, target) = await TargetAsync(client, engine, options.TargetName, cancellationToken).ConfigureAwait(false);
        // The scans run while the name is looked up; only a target found by its address waits for the lookup.
        var inside = Task.Run(() => Listeners(source.Pid, port, cancellationToken), cancellationToken);
        var lookup = Task.Run(() => NameLookup.Run(source, targetName, options.Timeout, cancellationToken), cancellationToken);
        var atTarget = ScanTarget(kind, target, port, cancellationToken);
        var hostAddresses = Task.Run(HostAddresses, cancellationToken);
        var name = await lookup.ConfigureAwait(false);
        notes.Add($"Asked inside {source.Name}: {string.Join("; ", name.Evidence)}.");
        if (target is null && kind == ContainerTargetKind.OtherName && name.Resolved)
        {
            target = await ByAddressAsync(client, name.Addresses, cancellationToken).ConfigureAwait(false);
            kind = target is null ? kind : ContainerTargetKind.Container;
            atTarget = ScanTarget(kind, target, port, cancellationToken);
        }

        (IPAddress Gateway, string Interface)? route;
        IReadOnlyList<ConnectAttempt> attempts;
        try
        {
            route = DefaultRoute.Of(source.Pid);
            var destinations = Destinations(kind, name, route);
            notes.Add($"Connecting from inside {source.Name} to {(destinations.Count == 0 ? "nothing" : string.Join(", ", destinations.Select(d => d.Target)))} port {port}.");
            attempts = await NamespaceProbe.ConnectAsync(source.Pid, destinations, port, options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.IO.IOException || (e is LoopbackToolsException l && l.ErrorId == ListenerErrors.ProcessNotFoundId))
        {
            // Its /proc/PID is gone (the container exited while its name was looked up): say so, not a raw file error.
            throw DockerErrors.ContainerGone(source.Id, source.Pid, e.Message);
        }

        var facts = new ContainerConnectionFacts(engine, source, kind, targetName, target, port, await inside.ConfigureAwait(false), await atTarget.ConfigureAwait(false), name, route, await hostAddresses.ConfigureAwait(false), attempts);

        var firewall = await BridgeFirewallStep.JudgeAsync(facts, options, cancellationToken).ConfigureAwait(false);
        var shown = facts.TargetName;
        var steps = new[]
        {
            InsideLocalhostStep.Judge(facts).For(shown, port, ConnectionStep.Localhost, source.Name),
            InsideNameStep.Judge(facts).For(shown, port, ConnectionStep.Name, source.Name),
            SharedNetworkStep.Judge(facts).For(shown, port, ConnectionStep.Network, source.Name),
            HostBindStep.Judge(facts).For(shown, port, ConnectionStep.HostBind, source.Name),
            InsideConnectStep.Judge(facts).For(shown, port, ConnectionStep.Connect, source.Name),
            firewall.For(shown, port, ConnectionStep.Firewall, source.Name),
        };
        return new ContainerConnectionReport(steps, notes, name.Unread);
    }

    private static async Task<ContainerSide> InspectAsync(DockerApiClient client, string nameOrId, CancellationToken cancellationToken)
    {
        var key = (nameOrId ?? string.Empty).Trim().TrimStart('/');
        if (key.Length == 0)
        {
            throw DockerErrors.ContainerNotFound(nameOrId ?? string.Empty, "an empty name");
        }

        var json = await client.GetJsonAsync("/containers/" + Uri.EscapeDataString(key) + "/json", key, cancellationToken).ConfigureAwait(false);
        return ContainerSide.FromInspection(json);
    }

    /// <summary>Enters the namespace once before any measuring, so a caller without the right gets one clear error, not six skipped steps.</summary>
    private static void EnterOnce(ContainerSide source)
    {
        try
        {
            NamespaceProbe.Enter(source.Pid);
        }
        catch (LoopbackToolsException e) when (e.ErrorId == ListenerErrors.ProcessNotFoundId)
        {
            throw ContainerConnectionErrors.NotRunning(source.Name, "stopping");
        }
        catch (LoopbackToolsException e) when (e.ErrorId == ListenerErrors.NamespaceUnavailableId)
        {
            throw ContainerConnectionErrors.NamespaceDenied(source.Name, source.Pid, e.Message);
        }
    }

    private static async Task<(ContainerTargetKind Kind, string Name, ContainerSide? Target)> TargetAsync(DockerApiClient client, EngineInfo engine, string? targetName, CancellationToken cancellationToken)
    {
        var name = (targetName ?? string.Empty).Trim();
        if (name.Length == 0 || HostNames.IsHostName(name))
        {
            return (ContainerTargetKind.Host, name.Length == 0 ? HostNames.For(engine) : name, null);
        }

        if (LocalhostNames.Classify(name) == LocalhostNameKind.Localhost || (IPAddress.TryParse(name, out var address) && AddressClassifier.IsLoopback(address)))
        {
            return (ContainerTargetKind.Localhost, name, null);
        }

        try
        {
            return (ContainerTargetKind.Container, name, await InspectAsync(client, name, cancellationToken).ConfigureAwait(false));
        }
        catch (LoopbackToolsException e) when (e.ErrorId == DockerErrors.ContainerNotFoundId)
        {
            return (ContainerTargetKind.OtherName, name, null); // an alias, a service name, or anything else: the Name step tells
        }
    }

    /// <summary>The running container that has one of <paramref name="addresses"/> on one of its networks (a network alias resolved to it).</summary>
    private static async Task<ContainerSide?> ByAddressAsync(DockerApiClient client, IPAddress[] addresses, CancellationToken cancellationToken)
    {
        var wanted = addresses.Select(a => a.ToString()).ToArray();
        var list = ContainerSide.FromList(await client.GetJsonAsync("/containers/json", null, cancellationToken).ConfigureAwait(false));
        var match = list.FirstOrDefault(c => c.Networks.Any(n => wanted.Contains(n.Address)));
        return match is null ? null : await InspectAsync(client, match.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the Connect step connects: what the name resolved to; for the host, its gateway when the name does not resolve.</summary>
    private static IReadOnlyList<(IPAddress Target, int Choice)> Destinations(ContainerTargetKind kind, NameLookup name, (IPAddress Gateway, string Interface)? route)
    {
        var resolved = ConnectAttempts.Targets(name.Addresses).ToList();
        if (resolved.Count == 0 && kind == ContainerTargetKind.Host && route is { } r)
        {
            resolved.Add((r.Gateway, 0));
        }

        return resolved;
    }

    /// <summary>The listeners that would receive the connection: the host's (with owners) or the target container's.</summary>
    private static Task<(IReadOnlyList<LoopbackListener>? Listeners, string Failure)> ScanTarget(ContainerTargetKind kind, ContainerSide? target, int port, CancellationToken cancellationToken) => kind switch
    {
        ContainerTargetKind.Host => Task.Run(() => ListenerStep.Scan(port, cancellationToken), cancellationToken),
        ContainerTargetKind.Container when target is { Pid: > 0 } t => Task.Run(() => Listeners(t.Pid, port, cancellationToken), cancellationToken),
        _ => Task.FromResult<(IReadOnlyList<LoopbackListener>?, string)>((null, "not asked")),
    };

    private static (IReadOnlyList<LoopbackListener>? Listeners, string Failure) Listeners(int pid, int port, CancellationToken cancellationToken)
    {
        try
        {
            var scan = ListenerScanner.Scan(new ListenerScanOptions { NetworkNamespaceOf = pid, Ports = new[] { port }, IncludeUdp = false, ResolveOwners = false }, cancellationToken);
            return (scan.Listeners.Where(l => l.Protocol == ListenerProtocol.Tcp && l.Port == port).ToList(), string.Empty);
        }
        catch (LoopbackToolsException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>This host's unicast addresses and the interface holding each (the bridges hold the containers' gateways).</summary>
    private static IReadOnlyDictionary<string, string> HostAddresses()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses.Where(u => u.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                var text = unicast.Address.ToString();
                if (!map.ContainsKey(text))
                {
                    map[text] = nic.Name;
                }
            }
        }

        return map;
    }
}

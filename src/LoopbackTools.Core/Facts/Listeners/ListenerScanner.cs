using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners.Linux;
using LoopbackTools.Listeners.MacOS;
using LoopbackTools.Listeners.Owners;
using LoopbackTools.Listeners.Windows;
using LoopbackTools.Matching;

namespace LoopbackTools.Listeners;

/// <summary>
/// Lists every listening socket with its scope and owner: netlink or /proc on Linux, iphlpapi on Windows,
/// libproc on macOS. The one entry point Get-LoopbackListener and other features call.
/// </summary>
public static class ListenerScanner
{
    public static ListenerScanResult Scan(ListenerScanOptions options, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        Validate(options);
        var wantOwners = options.ResolveOwners || (options.ProcessIds?.Length ?? 0) > 0 || (options.ProcessNames?.Length ?? 0) > 0;
        string source;
        List<ListenerSocket> sockets;
        long? namespaceId = null;
        string? hiddenReason = null;
        var unreadable = 0;
        string? unreadableReason = null;
        Func<int, ProcessOwner> describe;
        var context = OwnerContext.Nothing();
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            if (options.NetworkNamespaceOf is int pid && !Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)))
            {
                throw ListenerErrors.ProcessNotFound(pid);
            }

            // The owner scan (kernel time per descriptor) starts now and overlaps the socket dump.
            using var scan = wantOwners ? new SocketOwnerScan() : null;
            scan?.Start(cancellationToken);
            sockets = Filter(LinuxSocketSource.Read(options, out source, cancellationToken), options);
            namespaceId = NetworkNamespaceId.Of(options.NetworkNamespaceOf);
            var details = new LinuxProcessInfo();
            describe = details.Read;
            context = OwnerContexts.Linux(options);
            if (scan is not null)
            {
                scan.Publish(sockets);
                scan.Wait();
                if (scan.DeniedProcesses > 0)
                {
                    hiddenReason = $"this user may not read /proc/<pid>/fd of {scan.DeniedProcesses.ToString(CultureInfo.InvariantCulture)} other users' processes; run as root to see every owner";
                }
            }
        }
        else if (options.NetworkNamespaceOf is not null)
        {
            throw ListenerErrors.NotSupported("-NetworkNamespaceOf (Linux network namespaces)");
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            sockets = Filter(WindowsListenerSource.Read(options), options);
            source = "iphlpapi";
            describe = ProcessOwners.FromProcessTable;
            context = OwnerContexts.Windows(options);
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            // Every socket found through a descriptor has its owner; other users' processes are missing instead.
            var found = MacListenerSource.Read(cancellationToken);
            sockets = Filter(found.Sockets, options);
            source = "libproc";
            describe = MacListenerSource.Describe;
            context = OwnerContexts.ProxiesOnly(options);
            unreadable = found.UnreadableProcesses;
            unreadableReason = found.UnreadableReason;
        }
        else
        {
            throw ListenerErrors.NotSupported("Listing listeners");
        }

        var listeners = Build(sockets, wantOwners, namespaceId, describe, context, options, cancellationToken);
        var unattributed = wantOwners ? listeners.Count(l => l.ProcessId is null) : 0;
        var reason = unattributed == 0 ? null : hiddenReason ?? "no visible process holds them (kernel sockets, or processes in another PID namespace)";
        return new ListenerScanResult(listeners, unattributed, reason, source, unreadable, unreadableReason);
    }

    /// <summary>True for an IPv6 :: socket that accepts IPv4 too; null when the source could not tell.</summary>
    internal static bool? DualStack(IPAddress address, bool? v6Only)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || !address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        return v6Only is bool only ? !only : null;
    }

    private static void Validate(ListenerScanOptions options)
    {
        foreach (var port in options.Ports ?? Array.Empty<int>())
        {
            if (port < 0 || port > 65535)
            {
                throw ListenerErrors.InvalidPort(port);
            }
        }

        if (options.AddressFamily is AddressFamily family && family != AddressFamily.InterNetwork && family != AddressFamily.InterNetworkV6)
        {
            throw ListenerErrors.InvalidAddressFamily(family);
        }
    }

    /// <summary>Every filter that needs no owner, so the owner lookup only seeks sockets that will be shown.</summary>
    private static List<ListenerSocket> Filter(IReadOnlyList<ListenerSocket> sockets, ListenerScanOptions options)
    {
        var ports = options.Ports is { Length: > 0 } p ? new HashSet<int>(p) : null;
        var scopes = options.BindScopes is { Length: > 0 } s ? new HashSet<BindScope>(s) : null;
        var kept = new List<ListenerSocket>(sockets.Count);
        foreach (var socket in sockets)
        {
            if ((socket.Protocol == ListenerProtocol.Tcp && !options.IncludeTcp) || (socket.Protocol == ListenerProtocol.Udp && !options.IncludeUdp))
            {
                continue;
            }

            if ((options.AddressFamily is AddressFamily family && socket.Bound.Family != family) || (ports is not null && !ports.Contains(socket.Port)))
            {
                continue;
            }

            var scope = socket.Bound.Scope;
            if ((scopes is null || scopes.Contains(scope)) && (!options.ExposedOnly || scope != BindScope.Loopback))
            {
                kept.Add(socket);
            }
        }

        return kept;
    }

    /// <summary>Protocol, port, family, address text, then socket id: a total order, so the output is stable.</summary>
    private static int CompareForOutput(ListenerSocket a, ListenerSocket b)
    {
        var c = ((int)a.Protocol).CompareTo((int)b.Protocol);
        c = c != 0 ? c : a.Port.CompareTo(b.Port);
        c = c != 0 ? c : ((int)a.Bound.Family).CompareTo((int)b.Bound.Family);
        c = c != 0 ? c : string.CompareOrdinal(a.Bound.Text, b.Bound.Text);
        return c != 0 ? c : (a.SocketId ?? 0).CompareTo(b.SocketId ?? 0);
    }

    private static List<LoopbackListener> Build(List<ListenerSocket> sockets, bool wantOwners, long? namespaceId, Func<int, ProcessOwner> describe, OwnerContext context, ListenerScanOptions options, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<int, ProcessOwner>();
        var pids = options.ProcessIds is { Length: > 0 } ids ? new HashSet<int>(ids) : null;
        var names = options.ProcessNames is { Length: > 0 } n ? n : null;
        sockets.Sort(CompareForOutput);
        if (options.NetworkNamespaceOf is int namespaceOf)
        {
            context.UseNamespaceOf(namespaceOf);
        }

        // Pass 1: owners and the filters that need them; kept sockets are compacted in place (no second list).
        var kept = 0;
        for (var i = 0; i < sockets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var socket = sockets[i];
            var owner = OwnerOf(socket, wantOwners, owners, describe);
            if ((pids is not null && (owner is null || !pids.Contains(owner.ProcessId)))
                || (names is not null && (owner is null || !names.Any(pattern => WildcardPattern.IsMatch(owner.Name, pattern)))))
            {
                continue;
            }

            if (owner is not null)
            {
                context.Observe(owner); // only owners of rows shown: a proxy filtered out asks no engine
            }

            sockets[kept++] = socket;
        }

        sockets.RemoveRange(kept, sockets.Count - kept);

        // Container names need the engines: asked once, only when some owner is in a container or is a proxy.
        context.Resolve(cancellationToken);
        var result = new List<LoopbackListener>(sockets.Count);
        foreach (var socket in sockets)
        {
            var owner = OwnerOf(socket, wantOwners, owners, describe);
            result.Add(new LoopbackListener(
                socket.Protocol,
                socket.Bound.Text,
                socket.Port,
                socket.Bound.Family,
                socket.Bound.Scope,
                DualStack(socket.Address, socket.V6Only),
                owner?.ProcessId,
                owner?.Name,
                owner?.CommandLine,
                owner?.User,
                namespaceId,
                socket.SocketId,
                context.ContainerOf(owner, socket.Protocol, socket.Port, socket.Bound.Text),
                context.ServiceOf(owner),
                socket.AcceptQueue,
                socket.AcceptBacklog));
        }

        return result;
    }

    /// <summary>The socket's owner, described once per process.</summary>
    private static ProcessOwner? OwnerOf(ListenerSocket socket, bool wantOwners, Dictionary<int, ProcessOwner> owners, Func<int, ProcessOwner> describe)
    {
        if (!wantOwners || socket.ProcessId is not int pid)
        {
            return null;
        }

        if (!owners.TryGetValue(pid, out var owner))
        {
            owners[pid] = owner = describe(pid);
        }

        return owner;
    }
}

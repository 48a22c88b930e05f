using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Listeners;

/// <summary>
/// Linux: the TCP listeners on one port in every network namespace of the machine other than ours (containers,
/// <c>ip netns</c> namespaces, services with PrivateNetwork=yes), found through one process of each namespace.
/// Cheap first: each namespace's socket table is read without owners, and only a namespace that has the port is
/// scanned again for its owner and container.
/// </summary>
internal static class OtherNamespaceListeners
{
    private const string NamedNamespaces = "/run/netns";

    /// <param name="engine">The engine that names containers (as -Engine takes it); null for DOCKER_HOST and the usual sockets.</param>
    public static OtherNamespaceSweep Find(int port, string? engine, CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return new OtherNamespaceSweep(Array.Empty<OtherNamespaceListener>(), 0, 0);
        }

        var own = NetworkNamespaceId.Of(null);
        var byNamespace = new Dictionary<long, int>();
        var hidden = 0;
        foreach (var pid in ProcessIds())
        {
            var link = LinuxNative.ReadLinkText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/ns/net", out var errno);
            if (NetworkNamespaceId.Parse(link) is long id)
            {
                if (id != own && !byNamespace.ContainsKey(id))
                {
                    byNamespace[id] = pid;
                }
            }
            else if (errno == LinuxNative.Eacces)
            {
                hidden++;
            }
        }

        var names = Named();
        var found = new List<OtherNamespaceListener>();
        var unreadable = 0;
        foreach (var pair in byNamespace)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pid = pair.Value;
            try
            {
                var options = new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false, NetworkNamespaceOf = pid };
                if (!LinuxSocketSource.Read(options, out _, cancellationToken).Any(s => s.Port == port))
                {
                    continue;
                }

                options.ResolveOwners = true;
                if (!string.IsNullOrEmpty(engine))
                {
                    options.ContainerEngines = () => new[] { Containers.DockerEndpoint.ForThisMachine(engine) };
                }

                var scan = ListenerScanner.Scan(options, cancellationToken);
                names.TryGetValue(pair.Key, out var name);
                found.AddRange(scan.Listeners.Where(l => l.Port == port && l.Protocol == ListenerProtocol.Tcp).Select(l => new OtherNamespaceListener(l, pair.Key, pid, name)));
            }
            catch (LoopbackToolsException)
            {
                unreadable++; // the process left, or this user may not enter its namespace
            }
        }

        return new OtherNamespaceSweep(found, hidden, unreadable);
    }

    private static IEnumerable<int> ProcessIds()
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The names `ip netns` gives namespaces: each /run/netns file is the namespace itself (a bind mount of nsfs), so its inode is the id.</summary>
    private static Dictionary<long, string> Named()
    {
        var names = new Dictionary<long, string>();
        string[] files;
        try
        {
            files = Directory.GetFiles(NamedNamespaces);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return names;
        }

        foreach (var file in files)
        {
            if (LinuxNative.Inode(file) is long id)
            {
                names[id] = Path.GetFileName(file);
            }
        }

        return names;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Listeners.Owners;

/// <summary>
/// The running containers of every engine that answered: a container's name by its id (from a cgroup path), and
/// the container whose published port a proxy (docker-proxy, rootlessport) serves, by the listener's port.
/// </summary>
internal sealed class ContainerDirectory
{
    public static readonly ContainerDirectory Empty = new(Array.Empty<RunningContainer>());

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<(ListenerProtocol, int), List<(string HostIp, string Name)>> _publishers = new();

    public ContainerDirectory(IEnumerable<RunningContainer> containers)
    {
        foreach (var container in containers)
        {
            if (!_names.ContainsKey(container.Id))
            {
                _names[container.Id] = container.Name;
            }

            foreach (var (protocol, hostIp, hostPort, _) in container.Published)
            {
                if (!_publishers.TryGetValue((protocol, hostPort), out var list))
                {
                    _publishers[(protocol, hostPort)] = list = new List<(string, string)>();
                }

                list.Add((hostIp, container.Name));
            }
        }
    }

    public int Count => _names.Count;

    public string? NameOf(string containerId) => _names.TryGetValue(containerId, out var name) ? name : null;

    /// <summary>
    /// The container publishing this host port. When several do (one per host address), the one whose host address
    /// is the listener's own, else the one bound to every address ("", 0.0.0.0, ::); null rather than a guess.
    /// </summary>
    public string? PublisherOf(ListenerProtocol protocol, int port, string localAddress)
    {
        if (!_publishers.TryGetValue((protocol, port), out var candidates))
        {
            return null;
        }

        var distinct = candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            return distinct[0];
        }

        var exact = candidates.Where(c => SameAddress(c.HostIp, localAddress)).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var any = exact.Count > 0 ? exact : candidates.Where(c => IsEveryAddress(c.HostIp)).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        return any.Count == 1 ? any[0] : null; // several containers, none on this address: naming one would be a guess
    }

    /// <summary>Parses the JSON array of <c>GET /containers/json</c> (Docker's and podman's compatible API alike).</summary>
    public static IReadOnlyList<RunningContainer> ParseList(JToken json)
    {
        var found = new List<RunningContainer>();
        foreach (var item in (json as JArray ?? new JArray()).OfType<JObject>())
        {
            var id = (string?)item["Id"];
            var name = (item["Names"] as JArray)?.Select(n => ((string?)n ?? string.Empty).TrimStart('/')).FirstOrDefault(n => n.Length > 0);
            if (string.IsNullOrEmpty(id) || name is null)
            {
                continue;
            }

            var published = new List<(ListenerProtocol, string, int, int)>();
            foreach (var port in (item["Ports"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var type = ((string?)port["Type"] ?? "tcp").ToUpperInvariant();
                if (port["PublicPort"]?.Type != JTokenType.Integer || (type != "TCP" && type != "UDP"))
                {
                    continue; // exposed but not published
                }

                var containerPort = port["PrivatePort"]?.Type == JTokenType.Integer ? (int)port["PrivatePort"]! : 0;
                published.Add((type == "TCP" ? ListenerProtocol.Tcp : ListenerProtocol.Udp, (string?)port["IP"] ?? string.Empty, (int)port["PublicPort"]!, containerPort));
            }

            found.Add(new RunningContainer(id!, name, published));
        }

        return found;
    }

    private static bool IsEveryAddress(string hostIp) => hostIp.Length == 0 || hostIp == "0.0.0.0" || hostIp == "::";

    private static bool SameAddress(string hostIp, string localAddress) =>
        IPAddress.TryParse(hostIp, out var a) && IPAddress.TryParse(localAddress, out var b) && a.Equals(b);
}

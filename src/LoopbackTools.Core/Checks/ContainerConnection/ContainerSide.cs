using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LoopbackTools.Containers;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.ContainerConnection;

/// <summary>One end of the connection that is a container: who it is, its process and the networks it is on.</summary>
internal sealed class ContainerSide
{
    public ContainerSide(string id, string name, int pid, bool running, string state, string networkMode, IReadOnlyList<ContainerNetworkEndpoint> networks)
    {
        Id = id;
        Name = name;
        Pid = pid;
        Running = running;
        State = state;
        NetworkMode = networkMode;
        Networks = networks;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Host pid of its first process (its network namespace is /proc/PID/ns/net); 0 when not running.</summary>
    public int Pid { get; }

    public bool Running { get; }

    public string State { get; }

    /// <summary>HostConfig.NetworkMode: "bridge", "host", "none", a network name, "container:ID".</summary>
    public string NetworkMode { get; }

    public IReadOnlyList<ContainerNetworkEndpoint> Networks { get; }

    public bool SharesHostNetwork => NetworkMode == "host";

    public string NetworkList => Networks.Count == 0 ? "no network" : "network" + (Networks.Count > 1 ? "s " : " ") + string.Join(", ", Networks.Select(n => n.Network));

    /// <summary>The gateways of its networks, in the engine's order (each is an address of the host's bridge).</summary>
    public IEnumerable<string> Gateways => Networks.Select(n => n.Gateway).Where(g => g.Length > 0).Distinct();

    /// <summary>From <c>GET /containers/{id}/json</c>.</summary>
    public static ContainerSide FromInspection(JToken json)
    {
        var inspection = DockerJson.ParseInspection(json);
        var root = (JObject)json;
        return new ContainerSide(inspection.Id, inspection.Name, inspection.Pid, inspection.Running, inspection.State, Text(root["HostConfig"]?["NetworkMode"]), ParseNetworks(root["NetworkSettings"]?["Networks"]));
    }

    /// <summary>The running containers of <c>GET /containers/json</c> (pids are not listed there: 0).</summary>
    public static IReadOnlyList<ContainerSide> FromList(JToken json)
    {
        var list = new List<ContainerSide>();
        foreach (var entry in (json as JArray ?? new JArray()).OfType<JObject>())
        {
            var id = Text(entry["Id"]);
            var name = (entry["Names"] as JArray)?.Select(n => Text(n).TrimStart('/')).FirstOrDefault(n => n.Length > 0) ?? DockerJson.Short(id);
            list.Add(new ContainerSide(id, name, 0, true, Text(entry["State"]), Text(entry["HostConfig"]?["NetworkMode"]), ParseNetworks(entry["NetworkSettings"]?["Networks"])));
        }

        return list;
    }

    private static IReadOnlyList<ContainerNetworkEndpoint> ParseNetworks(JToken? networks)
    {
        if (networks is not JObject all)
        {
            return Array.Empty<ContainerNetworkEndpoint>();
        }

        return all.Properties()
            .Where(p => p.Value is JObject)
            .Select(p =>
            {
                var n = (JObject)p.Value;
                var names = Strings(n["Aliases"]).Concat(Strings(n["DNSNames"])).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                return new ContainerNetworkEndpoint(p.Name, Text(n["NetworkID"]), Text(n["IPAddress"]), Text(n["Gateway"]), names);
            })
            .OrderBy(e => e.Network, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> Strings(JToken? token) => (token as JArray)?.Select(Text).Where(s => s.Length > 0) ?? Enumerable.Empty<string>();

    private static string Text(JToken? token) => token is JValue { Value: not null } v ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Containers;

/// <summary>Turns the engine's JSON (Docker and podman shapes alike) into the small models the checks use.</summary>
internal static class DockerJson
{
    /// <summary>The newest API version whose fields this code has been checked against.</summary>
    public static readonly Version MaxApiVersion = new(1, 47);

    /// <summary>Older engines lack fields we read; they are spoken to on the unversioned path.</summary>
    public static readonly Version MinApiVersion = new(1, 24);

    public static JToken Parse(byte[] body, string what)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        try
        {
            return JToken.Parse(Encoding.UTF8.GetString(body));
        }
        catch (JsonException e)
        {
            throw DockerErrors.Malformed($"the answer to {what} is not JSON ({e.Message})", what, e);
        }
    }

    /// <summary>Reads <c>GET /version</c> and picks the versioned path prefix: min(engine, <see cref="MaxApiVersion"/>).</summary>
    public static EngineInfo ParseVersion(JToken json)
    {
        var root = json as JObject ?? throw DockerErrors.Malformed("/version is not a JSON object");
        try
        {
            var apiVersion = (string?)root["ApiVersion"] ?? string.Empty;
            var components = root["Components"] as JArray;
            var platform = (string?)(root["Platform"] as JObject)?["Name"] ?? string.Empty;
            var isPodman = components?.OfType<JObject>().Any(c => ((string?)c["Name"] ?? string.Empty).IndexOf("podman", StringComparison.OrdinalIgnoreCase) >= 0) == true
                || platform.IndexOf("podman", StringComparison.OrdinalIgnoreCase) >= 0;
            var prefix = string.Empty;
            if (System.Version.TryParse(apiVersion, out var reported) && reported >= MinApiVersion)
            {
                var chosen = reported > MaxApiVersion ? MaxApiVersion : reported;
                prefix = "/v" + chosen.ToString(2);
            }

            var desktop = platform.IndexOf("Desktop", StringComparison.OrdinalIgnoreCase) >= 0;
            return new EngineInfo(isPodman ? "Podman" : "Docker", (string?)root["Version"] ?? string.Empty, apiVersion, prefix, desktop);
        }
        catch (Exception e) when (IsUnexpectedType(e))
        {
            throw DockerErrors.Malformed($"/version has a field of an unexpected type ({e.Message})", "/version", e);
        }
    }

    /// <summary>Ids from <c>GET /containers/json</c>.</summary>
    public static IReadOnlyList<string> ParseContainerIds(JToken json)
    {
        var list = json as JArray ?? throw DockerErrors.Malformed("/containers/json is not a JSON array");
        var ids = new List<string>(list.Count);
        foreach (var item in list)
        {
            var id = item is JObject o && o["Id"] is JValue value ? value.Value as string : null;
            if (string.IsNullOrEmpty(id))
            {
                throw DockerErrors.Malformed("a container in /containers/json has no Id");
            }

            ids.Add(id!);
        }

        return ids;
    }

    /// <summary>The names of the containers in <c>GET /containers/json</c>, without the leading '/' the engine adds.</summary>
    public static IReadOnlyList<string> ParseContainerNames(JToken json)
    {
        var list = json as JArray ?? throw DockerErrors.Malformed("/containers/json is not a JSON array");
        var names = new List<string>(list.Count);
        foreach (var item in list)
        {
            if (item is JObject o && o["Names"] is JArray written)
            {
                names.AddRange(written.Select(n => ((string?)n ?? string.Empty).TrimStart('/')).Where(n => n.Length > 0));
            }
        }

        return names;
    }

    /// <summary>Reads <c>GET /containers/{id}/json</c>.</summary>
    public static ContainerInspection ParseInspection(JToken json)
    {
        var root = json as JObject ?? throw DockerErrors.Malformed("the container inspection is not a JSON object");
        var id = root["Id"] is JValue value ? value.Value as string : null;
        if (string.IsNullOrEmpty(id))
        {
            throw DockerErrors.Malformed("the container inspection has no Id");
        }

        try
        {
            var state = root["State"] as JObject;
            var running = (bool?)state?["Running"] ?? false;
            var pid = (int?)state?["Pid"] ?? 0;
            var status = (string?)state?["Status"] ?? (running ? "running" : "unknown");
            var name = ((string?)root["Name"] ?? string.Empty).TrimStart('/');
            return new ContainerInspection(id!, name.Length == 0 ? Short(id!) : name, running, status, pid, ParsePorts(root, running));
        }
        catch (Exception e) when (IsUnexpectedType(e))
        {
            throw DockerErrors.Malformed($"the inspection of {Short(id!)} has a field of an unexpected type ({e.Message})", id, e);
        }
    }

    /// <summary>What Json.NET throws when a field has another JSON type than asked for (a string where an object was, ...).</summary>
    private static bool IsUnexpectedType(Exception e) =>
        e is ArgumentException or FormatException or OverflowException or InvalidCastException or InvalidOperationException;

    public static string Short(string id) => id.Length > 12 ? id.Substring(0, 12) : id;

    private static List<ContainerPortSpec> ParsePorts(JObject root, bool running)
    {
        var exposed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Properties(root["Config"]?["ExposedPorts"]))
        {
            exposed.Add(p.Name);
        }

        // A running container's live bindings; a stopped one has none, so fall back to what it asked for.
        var live = Properties(root["NetworkSettings"]?["Ports"]).ToList();
        var source = running || live.Count > 0 ? live : Properties(root["HostConfig"]?["PortBindings"]).ToList();
        var bindings = new Dictionary<string, List<PublishedBinding>>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in source)
        {
            exposed.Add(p.Name);
            var list = new List<PublishedBinding>();
            if (p.Value is JArray array)
            {
                foreach (var b in array.OfType<JObject>())
                {
                    var portText = (string?)b["HostPort"] ?? string.Empty;
                    var hostPort = portText.Length == 0 ? 0 : int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture);
                    if (hostPort > 65535)
                    {
                        // Found by fuzzing: a number past 65535 would reach a socket address as a port.
                        throw new FormatException($"HostPort '{portText}' is not a port");
                    }

                    list.Add(new PublishedBinding((string?)b["HostIp"] ?? string.Empty, hostPort));
                }
            }

            bindings[p.Name] = list;
        }

        var ports = new List<ContainerPortSpec>();
        foreach (var key in exposed)
        {
            var (port, protocol) = ParsePortKey(key);
            // Docker adds every published port to ExposedPorts, so each key here is exposed.
            var published = bindings.TryGetValue(key, out var list) ? list : new List<PublishedBinding>();
            ports.Add(new ContainerPortSpec(port, protocol, exposed: true, published));
        }

        return ports.OrderBy(p => p.Port).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToList();
    }

    private static (int Port, string Protocol) ParsePortKey(string key)
    {
        var slash = key.IndexOf('/');
        var portText = slash < 0 ? key : key.Substring(0, slash);
        var protocol = slash < 0 ? "tcp" : key.Substring(slash + 1).ToLowerInvariant();
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
        {
            throw new FormatException($"'{key}' is not a port/protocol key");
        }

        return (port, protocol);
    }

    private static IEnumerable<JProperty> Properties(JToken? token) => token is JObject o ? o.Properties() : Enumerable.Empty<JProperty>();
}

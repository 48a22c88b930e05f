using System;
using System.Globalization;
using System.Net;
using LoopbackTools.Addressing;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Containers;

/// <summary>
/// Where the engine's API lives, parsed from <c>-Engine</c>, <c>DOCKER_HOST</c> or the platform default.
/// Only endpoints on this machine are accepted: the checks compare host ports, which only make sense for a local engine.
/// </summary>
public sealed class DockerEndpoint
{
    public const string DefaultUnixSocket = "/var/run/docker.sock";
    public const string DefaultNamedPipe = "//./pipe/docker_engine";

    private DockerEndpoint(DockerEndpointKind kind, string address, int port, string display)
    {
        Kind = kind;
        Address = address;
        Port = port;
        Display = display;
    }

    public DockerEndpointKind Kind { get; }

    /// <summary>Socket path, pipe name (without <c>//./pipe/</c>) or IP address.</summary>
    public string Address { get; }

    /// <summary>TCP port; 0 for sockets and pipes.</summary>
    public int Port { get; }

    /// <summary>The endpoint as a DOCKER_HOST value, for messages and output.</summary>
    public string Display { get; }

    public override string ToString() => Display;

    /// <summary>Picks the endpoint: an explicit value first, then DOCKER_HOST, then the platform default.</summary>
    public static DockerEndpoint Resolve(string? engine, string? dockerHost, bool isWindows)
    {
        if (!string.IsNullOrWhiteSpace(engine))
        {
            return Parse(engine!);
        }

        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return Parse(dockerHost!);
        }

        return isWindows ? Parse("npipe://" + DefaultNamedPipe) : Parse("unix://" + DefaultUnixSocket);
    }

    /// <summary><see cref="Resolve"/> with this process's DOCKER_HOST and platform.</summary>
    public static DockerEndpoint ForThisMachine(string? engine) => Resolve(
        engine,
        Environment.GetEnvironmentVariable("DOCKER_HOST"),
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows));

    /// <summary>Parses <c>unix:///path</c>, <c>npipe:////./pipe/name</c>, <c>tcp://127.0.0.1:2375</c> or a bare socket path.</summary>
    public static DockerEndpoint Parse(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var text = value.Trim();
        if (text.StartsWith("/", StringComparison.Ordinal) && !text.StartsWith("//", StringComparison.Ordinal))
        {
            return new DockerEndpoint(DockerEndpointKind.UnixSocket, text, 0, "unix://" + text);
        }

        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw DockerErrors.InvalidEndpoint(value, "it has no scheme");
        }

        var scheme = text.Substring(0, separator).ToUpperInvariant();
        var rest = text.Substring(separator + 3);
        switch (scheme)
        {
            case "UNIX":
                if (!rest.StartsWith("/", StringComparison.Ordinal) || rest.IndexOf('\0') >= 0)
                {
                    throw DockerErrors.InvalidEndpoint(value, "a unix socket needs an absolute path, as in unix:///var/run/docker.sock");
                }

                return new DockerEndpoint(DockerEndpointKind.UnixSocket, rest, 0, "unix://" + rest);
            case "NPIPE":
                return ParsePipe(value, rest);
            case "TCP":
                return ParseTcp(value, rest);
            default:
                throw DockerErrors.InvalidEndpoint(value, $"the scheme '{text.Substring(0, separator)}' is not supported (use unix://, npipe:// or tcp:// to a loopback address)");
        }
    }

    private static DockerEndpoint ParsePipe(string original, string rest)
    {
        // npipe:////./pipe/docker_engine (the documented form) or npipe://./pipe/docker_engine.
        var path = rest.Replace('\\', '/').TrimStart('/');
        const string prefix = "./pipe/";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || path.Length == prefix.Length || path.IndexOf('/', prefix.Length) >= 0)
        {
            throw DockerErrors.InvalidEndpoint(original, "a named pipe on this machine looks like npipe:////./pipe/docker_engine");
        }

        var name = path.Substring(prefix.Length);
        return new DockerEndpoint(DockerEndpointKind.NamedPipe, name, 0, "npipe:////./pipe/" + name);
    }

    private static DockerEndpoint ParseTcp(string original, string rest)
    {
        var hostPort = rest.TrimEnd('/');
        string host;
        string portText;
        if (hostPort.StartsWith("[", StringComparison.Ordinal))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0 || close + 1 >= hostPort.Length || hostPort[close + 1] != ':')
            {
                throw DockerErrors.InvalidEndpoint(original, "expected tcp://[::1]:2375");
            }

            host = hostPort.Substring(1, close - 1);
            portText = hostPort.Substring(close + 2);
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0)
            {
                throw DockerErrors.InvalidEndpoint(original, "expected tcp://127.0.0.1:2375");
            }

            host = hostPort.Substring(0, colon);
            portText = hostPort.Substring(colon + 1);
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
        {
            throw DockerErrors.InvalidEndpoint(original, $"'{portText}' is not a port number");
        }

        // "localhost" is taken literally (no resolver lookup); any other name could point off this machine.
        IPAddress? address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!AddressClassifier.TryParse(host, out address))
        {
            throw DockerErrors.RemoteEngineRefused(original);
        }

        if (!AddressClassifier.IsLoopback(address!))
        {
            throw DockerErrors.RemoteEngineRefused(original);
        }

        var shown = address!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
        return new DockerEndpoint(DockerEndpointKind.Tcp, address.ToString(), port, "tcp://" + shown + ":" + port.ToString(CultureInfo.InvariantCulture));
    }
}

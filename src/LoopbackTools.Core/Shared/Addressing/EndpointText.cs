using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Addressing;

/// <summary>
/// The one way an endpoint is written in findings, evidence and headers: host:port, an IPv6 address in brackets
/// ([::1]:3000), as in a URL, so the port cannot be read as the address's last group.
/// </summary>
internal static class EndpointText
{
    /// <summary>A host as written before ":port" or in a URL: an IPv6 literal in brackets, anything else as given.</summary>
    public static string Host(string host) =>
        host.IndexOf(':') >= 0 && !host.StartsWith("[", System.StringComparison.Ordinal) ? "[" + host + "]" : host;

    public static string Host(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();

    public static string Of(string host, int port) => Host(host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    public static string Of(IPAddress address, int port) => Host(address) + ":" + port.ToString(CultureInfo.InvariantCulture);

    public static string Of(IPEndPoint endpoint) => Of(endpoint.Address, endpoint.Port);
}

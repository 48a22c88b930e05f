using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Dns;

/// <summary>Parses the server forms users type: <c>127.0.0.1</c>, <c>127.0.0.1:5353</c>, <c>::1</c>, <c>[::1]</c>, <c>[::1]:5353</c>.</summary>
public static class DnsServerAddress
{
    public static IPEndPoint Parse(string text)
    {
        var value = (text ?? string.Empty).Trim();
        string host;
        string? port = null;
        if (value.StartsWith("[", System.StringComparison.Ordinal))
        {
            var close = value.IndexOf(']');
            if (close < 0 || (close != value.Length - 1 && value[close + 1] != ':'))
            {
                throw DnsErrors.InvalidServer(text);
            }

            host = value.Substring(1, close - 1);
            port = close == value.Length - 1 ? null : value.Substring(close + 2);
        }
        else if (value.IndexOf(':') == value.LastIndexOf(':') && value.IndexOf(':') >= 0)
        {
            // Exactly one colon: IPv4 with a port. More than one: a bare IPv6 address.
            var colon = value.IndexOf(':');
            host = value.Substring(0, colon);
            port = value.Substring(colon + 1);
        }
        else
        {
            host = value;
        }

        if (!IPAddress.TryParse(host, out var address) || !IsFullForm(host, address) || (value.StartsWith("[", System.StringComparison.Ordinal) && address.AddressFamily != AddressFamily.InterNetworkV6))
        {
            throw DnsErrors.InvalidServer(text);
        }

        var number = DnsClient.NameServer.DefaultPort;
        if (port != null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 65535))
        {
            throw DnsErrors.InvalidServer(text);
        }

        return new IPEndPoint(address, number);
    }

    /// <summary>IPAddress.TryParse takes "10.1" as 10.0.0.1; nobody typing a server means that.</summary>
    internal static bool IsFullForm(string text, IPAddress address) =>
        address.AddressFamily != AddressFamily.InterNetwork || text.Split('.').Length == 4;

    /// <summary>The same forms back: <c>127.0.0.1:53</c>, <c>[::1]:53</c>.</summary>
    public static string Format(IPEndPoint server) => Addressing.EndpointText.Of(server);
}

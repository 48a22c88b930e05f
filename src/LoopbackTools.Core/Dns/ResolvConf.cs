using System;
using System.Collections.Generic;
using System.IO;
using System.Net;

namespace LoopbackTools.Dns;

/// <summary>The <c>nameserver</c> lines of a resolv.conf (resolv.conf(5)); everything else is ignored.</summary>
public static class ResolvConf
{
    public const string DefaultPath = "/etc/resolv.conf";
    public const int DnsPort = 53;

    /// <summary>Servers in file order, port 53, duplicates removed; malformed lines are skipped like the C library does.</summary>
    public static IReadOnlyList<IPEndPoint> Parse(string text)
    {
        var servers = new List<IPEndPoint>();
        using var reader = new StringReader(text ?? string.Empty);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0] != "nameserver" || fields[1].StartsWith("#", StringComparison.Ordinal) || fields[1].StartsWith(";", StringComparison.Ordinal))
            {
                continue;
            }

            // IPAddress.TryParse keeps a zone (fe80::1%eth0) as the scope id the socket needs.
            if (IPAddress.TryParse(fields[1], out var address) && IsFullForm(fields[1], address))
            {
                var endpoint = new IPEndPoint(address, DnsPort);
                if (!servers.Contains(endpoint))
                {
                    servers.Add(endpoint);
                }
            }
        }

        return servers;
    }

    /// <summary>IPAddress.TryParse takes "10.1" as 10.0.0.1; resolv.conf never means that.</summary>
    internal static bool IsFullForm(string text, IPAddress address) =>
        address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.Split('.').Length == 4;

    /// <summary>Reads and parses a resolv.conf; a missing file means no servers.</summary>
    public static IReadOnlyList<IPEndPoint> Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : Array.Empty<IPEndPoint>();
}

using System.Collections.Generic;
using System.IO;
using System.Net;

namespace LoopbackTools.ContainerConnection;

/// <summary>The nameserver lines of a resolv.conf (a container's, read through /proc/PID/root).</summary>
internal static class ResolvConf
{
    public static IReadOnlyList<IPAddress> NameServers(string path) => ParseNameServers(File.ReadAllText(path));

    /// <summary>The nameserver lines of resolv.conf text.</summary>
    public static IReadOnlyList<IPAddress> ParseNameServers(string text)
    {
        var servers = new List<IPAddress>();
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var fields = line.Split(new[] { ' ', '\t', '\r' }, System.StringSplitOptions.RemoveEmptyEntries);
            // glibc stops at a '%zone' suffix and ignores what does not parse; so does this.
            if (fields.Length >= 2 && fields[0] == "nameserver" && IPAddress.TryParse(fields[1].Split('%')[0], out var address))
            {
                servers.Add(address);
            }
        }

        return servers;
    }
}

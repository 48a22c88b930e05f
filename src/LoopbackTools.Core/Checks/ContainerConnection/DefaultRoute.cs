using System;
using System.Globalization;
using System.IO;
using System.Net;

namespace LoopbackTools.ContainerConnection;

/// <summary>A container's IPv4 default gateway, read from /proc/PID/net/route (which shows that process's network namespace).</summary>
internal static class DefaultRoute
{
    /// <summary>The gateway and interface of the default route; null when there is none (network mode none).</summary>
    public static (IPAddress Gateway, string Interface)? Of(int pid)
    {
        var path = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/net/route";
        foreach (var line in File.ReadAllLines(path))
        {
            // Iface Destination Gateway Flags ...: hex words in the kernel's (little-endian) byte order.
            var fields = line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3 && fields[1] == "00000000"
                && uint.TryParse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var gateway) && gateway != 0)
            {
                return (new IPAddress(BitConverter.GetBytes(gateway)), fields[0]);
            }
        }

        return null;
    }
}

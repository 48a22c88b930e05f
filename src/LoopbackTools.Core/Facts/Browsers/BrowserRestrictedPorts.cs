using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Browsers;

/// <summary>
/// Ports browsers refuse to open for http(s) whatever the server does: Chromium's kRestrictedPorts
/// (net/base/port_util.cc, ERR_UNSAFE_PORT) and Firefox's list (netwerk/base/nsIOService.cpp gBadPortList, the Fetch
/// standard's "bad ports"). As data: a user can only change them with --explicitly-allowed-ports or
/// network.security.ports.banned.override.
/// </summary>
internal static class BrowserRestrictedPorts
{
    private static readonly int[] Shared =
    {
        1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
        111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
        540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 5060, 5061, 6000,
        6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080,
    };

    public static readonly HashSet<int> Chromium = new(Shared);

    /// <summary>Firefox also bans 4190 (sieve) and 6679 (osaut), added to the Fetch standard's list.</summary>
    public static readonly HashSet<int> Firefox = new(Shared.Concat(new[] { 4190, 6679 }));

    /// <summary>The browsers that refuse <paramref name="port"/>, by name.</summary>
    public static string[] Refusing(int port)
    {
        var refusing = new List<string>();
        if (Chromium.Contains(port))
        {
            refusing.Add("Chromium/Chrome/Edge");
        }

        if (Firefox.Contains(port))
        {
            refusing.Add("Firefox");
        }

        return refusing.ToArray();
    }
}

using System.Globalization;
using System.Text;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// A generated ad-blocking hosts file shaped like the large public ones: a header, the localhost block,
/// then one "0.0.0.0 name" line per blocked host with names of varied length and depth, and section comments.
/// </summary>
public static class Blocklist
{
    /// <summary>The size of the big real-world lists (StevenBlack's unified list with extensions).</summary>
    public const int RealisticEntries = 265_000;

    private static readonly string[] Labels = { "ads", "track", "metrics", "cdn-adserver", "pixel", "telemetry", "stats", "beacon", "analytics", "sync" };
    private static readonly string[] Suffixes = { "com", "net", "org", "io", "co.uk", "example" };

    public static byte[] Generate(int entries)
    {
        var text = new StringBuilder(entries * 36);
        text.Append("# Title: generated blocklist for benchmarks\n# Entries: ").Append(entries.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
        text.Append("127.0.0.1 localhost\n127.0.0.1 localhost.localdomain\n127.0.0.1 local\n255.255.255.255 broadcasthost\n::1 localhost ip6-localhost ip6-loopback\nfe80::1%lo0 localhost\n0.0.0.0 0.0.0.0\n\n");
        for (var i = 0; i < entries; i++)
        {
            if (i % 5000 == 0)
            {
                text.Append("\n# Section ").Append((i / 5000).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append("0.0.0.0 ");
            if (i % 3 == 0)
            {
                text.Append(Labels[i % Labels.Length]).Append('.');
            }

            text.Append(Labels[(i / 7) % Labels.Length]).Append('-').Append(i.ToString(CultureInfo.InvariantCulture))
                .Append(".site").Append((i % 4099).ToString(CultureInfo.InvariantCulture)).Append('.').Append(Suffixes[i % Suffixes.Length]).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}

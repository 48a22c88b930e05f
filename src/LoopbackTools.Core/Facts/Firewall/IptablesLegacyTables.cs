using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LoopbackTools.Connection;

/// <summary>Tables of the legacy (x_tables) iptables in this network namespace, which the nftables ruleset does not hold.</summary>
internal static class IptablesLegacyTables
{
    /// <summary>"ip filter", "ip6 nat", ...; empty when the legacy modules are not loaded (then there are no legacy rules).</summary>
    public static IReadOnlyList<string> Read()
    {
        var tables = new List<string>();
        foreach (var (file, family) in new[] { ("/proc/net/ip_tables_names", "ip"), ("/proc/net/ip6_tables_names", "ip6") })
        {
            try
            {
                tables.AddRange(File.ReadAllLines(file).Where(l => l.Trim().Length > 0).Select(l => family + " " + l.Trim()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // absent: the legacy module is not loaded, so there are no legacy rules
            }
        }

        return tables;
    }
}

using System.Collections.Generic;
using LoopbackTools.Addressing;
using LoopbackTools.Dns;
using LoopbackTools.Hosts;

namespace LoopbackTools.Resolution;

/// <summary>The HostsFile layer's view of a hosts file, through the Core/Hosts parser (the one Get-HostsEntry uses).</summary>
public sealed class HostsDocumentReader : IHostsReader
{
    public string DefaultPath => HostsPaths.Default;

    public IReadOnlyList<HostsMapping> Find(string path, string name)
    {
        var mappings = new List<HostsMapping>();
        foreach (var entry in HostsDocument.Load(path).Entries)
        {
            if (entry.Enabled && Names(entry, name) && AddressClassifier.TryParse(entry.Address, out var address))
            {
                mappings.Add(new HostsMapping(address!, entry.Address, entry.LineNumber));
            }
        }

        return mappings;
    }

    private static bool Names(HostsEntry entry, string name)
    {
        if (DnsName.AreEqual(entry.HostName, name))
        {
            return true;
        }

        foreach (var alias in entry.Aliases)
        {
            if (DnsName.AreEqual(alias, name))
            {
                return true;
            }
        }

        return false;
    }
}

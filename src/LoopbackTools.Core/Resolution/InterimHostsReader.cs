using System;
using System.Collections.Generic;
using System.IO;
using LoopbackTools.Addressing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;

namespace LoopbackTools.Resolution;

/// <summary>
/// Interim: a whitespace split of hosts lines, used until Core/Hosts (HostsDocument) lands in main;
/// then replaced by an adapter over HostsDocument.Load(path).Entries.
/// </summary>
internal sealed class InterimHostsReader : IHostsReader
{
    public string DefaultPath => Environment.OSVersion.Platform == PlatformID.Win32NT
        ? Path.Combine(Environment.GetEnvironmentVariable("SystemRoot") ?? @"C:\Windows", @"System32\drivers\etc\hosts")
        : "/etc/hosts";

    public IReadOnlyList<HostsMapping> Find(string path, string name)
    {
        if (!File.Exists(path))
        {
            throw new LoopbackToolsException("Hosts.FileNotFound", ErrorKind.ObjectNotFound, $"The hosts file '{path}' does not exist.", "Give the path of an existing hosts file.", path);
        }

        var mappings = new List<HostsMapping>();
        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            var hash = line.IndexOf('#');
            var fields = (hash >= 0 ? line.Substring(0, hash) : line).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !AddressClassifier.TryParse(fields[0], out var address))
            {
                continue;
            }

            for (var i = 1; i < fields.Length; i++)
            {
                if (DnsName.AreEqual(fields[i], name))
                {
                    mappings.Add(new HostsMapping(address!, fields[0], number));
                    break;
                }
            }
        }

        return mappings;
    }
}

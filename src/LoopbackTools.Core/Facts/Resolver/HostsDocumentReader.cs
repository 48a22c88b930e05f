using System;
using System.Collections.Generic;
using System.IO;
using LoopbackTools.Addressing;
using LoopbackTools.Dns;
using LoopbackTools.Hosts;

namespace LoopbackTools.Resolution;

/// <summary>The HostsFile layer's view of a hosts file, through the Core/Hosts parser (the one Get-HostsEntry uses).</summary>
internal sealed class HostsDocumentReader : IHostsReader
{
    private readonly object _gate = new();
    private (string Path, DateTime Written, long Length, HostsDocument Document)? _last;

    public string DefaultPath => HostsPaths.Default;

    public IReadOnlyList<HostsMapping> Find(string path, string name) => Find(Load(path), name);

    /// <summary>Enabled lines of <paramref name="document"/> naming <paramref name="name"/>, in file order.</summary>
    public static IReadOnlyList<HostsMapping> Find(HostsDocument document, string name)
    {
        var mappings = new List<HostsMapping>();
        foreach (var entry in document.Entries)
        {
            if (entry.Enabled && HostsOsReading.Names(entry, name) && AddressClassifier.TryParse(entry.IPAddress, out var address))
            {
                mappings.Add(new HostsMapping(address!, entry.IPAddress, entry.LineNumber));
            }
        }

        return mappings;
    }

    public HostsOsAnswer? ReadAsOs(string path, string name) =>
        HostsOsReading.AppliesHere ? HostsOsReading.Answer(Load(path), name) : null;

    /// <summary>
    /// Names piped in one by one (Get-HostsEntry | Test-LocalhostResolution) would re-read a 265k-line file
    /// per name: the last document is kept while the file's time stamp and length stay the same.
    /// </summary>
    private HostsDocument Load(string path)
    {
        var file = new FileInfo(path);
        var stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1L);
        lock (_gate)
        {
            if (_last is { } last && last.Path == path && last.Written == stamp.Item1 && last.Length == stamp.Item2)
            {
                return last.Document;
            }
        }

        var document = HostsDocument.Load(path);
        lock (_gate)
        {
            _last = (path, stamp.Item1, stamp.Item2, document);
        }

        return document;
    }
}

using System;
using System.Collections.Generic;
using System.Net;
using LoopbackTools.Dns;

namespace LoopbackTools.Resolution;

/// <summary>What Test-LocalhostResolution checks; every path is injectable so tests use their own files.</summary>
public sealed class LocalhostResolutionOptions
{
    /// <summary>Layers to check; all three when empty.</summary>
    public IList<ResolutionLayer> Layers { get; } = new List<ResolutionLayer>();

    /// <summary>DNS servers to ask; the system's (/etc/resolv.conf on Unix, found by DnsClient) when empty.</summary>
    public IList<IPEndPoint> DnsServers { get; } = new List<IPEndPoint>();

    /// <summary>The hosts file to read; the OS's own when null.</summary>
    public string? HostsFilePath { get; set; }

    /// <summary>Ask DNS servers over TCP from the start.</summary>
    public bool UseTcp { get; set; }

    /// <summary>Bound on each step: one DNS query, the OS lookup, one TCP connection attempt.</summary>
    public TimeSpan Timeout { get; set; } = DnsQueryOptions.DefaultTimeout;

    public bool Includes(ResolutionLayer layer) => Layers.Count == 0 || Layers.Contains(layer);
}

using System;

namespace LoopbackTools;

/// <summary>What one layer answered for one name, judged against RFC 6761 and what clients do with it.</summary>
public sealed class LocalhostResolutionResult
{
    public LocalhostResolutionResult(string name, ResolutionLayer layer, string server, string[] addresses, bool allLoopback, string responseCode, ResolutionStatus status, string finding)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Layer = layer;
        Server = server ?? string.Empty;
        Addresses = addresses ?? throw new ArgumentNullException(nameof(addresses));
        FirstAddress = addresses.Length == 0 ? string.Empty : addresses[0];
        AllLoopback = allLoopback;
        ResponseCode = responseCode ?? string.Empty;
        Status = status;
        Finding = finding ?? string.Empty;
    }

    public string Name { get; }

    public ResolutionLayer Layer { get; }

    /// <summary>The DNS server asked (<c>127.0.0.1:53</c>, <c>[::1]:53</c>), the hosts file read, or <c>system resolver</c>.</summary>
    public string Server { get; }

    /// <summary>Addresses in the order the layer gave them (DNS: A answers, then AAAA).</summary>
    public string[] Addresses { get; }

    /// <summary>The address a client trying only the first one would use; empty when there is none.</summary>
    public string FirstAddress { get; }

    /// <summary>True when there is at least one address and every one is loopback.</summary>
    public bool AllLoopback { get; }

    /// <summary>DNS layer only: the RCODE(s), for example <c>NoError</c> or <c>A NoError, AAAA NXDomain</c>.</summary>
    public string ResponseCode { get; }

    public ResolutionStatus Status { get; }

    /// <summary>One sentence a person can act on.</summary>
    public string Finding { get; }

    public override string ToString() => $"{Layer} {Name}: {Status} - {Finding}";
}

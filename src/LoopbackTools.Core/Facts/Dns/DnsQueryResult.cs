using System;
using System.Net;
using DnsClient;

namespace LoopbackTools.Dns;

/// <summary>What one A or AAAA query to one server produced. Failures are outcomes here, never exceptions.</summary>
public sealed class DnsQueryResult
{
    public DnsQueryResult(IPEndPoint server, string name, QueryType type, DnsQueryOutcome outcome, DnsResponseCode? rcode, IPAddress[] addresses, bool truncated, bool usedTcp, TimeSpan elapsed, string reason)
    {
        Server = server;
        Name = name;
        Type = type;
        Outcome = outcome;
        Rcode = rcode;
        Addresses = addresses;
        Truncated = truncated;
        UsedTcp = usedTcp;
        Elapsed = elapsed;
        Reason = reason;
    }

    public IPEndPoint Server { get; }

    public string Name { get; }

    /// <summary><see cref="QueryType.A"/> or <see cref="QueryType.AAAA"/>.</summary>
    public QueryType Type { get; }

    public DnsQueryOutcome Outcome { get; }

    /// <summary>The response code when <see cref="Outcome"/> is Answered, else null.</summary>
    public DnsResponseCode? Rcode { get; }

    public IPAddress[] Addresses { get; }

    /// <summary>The UDP answer had the TC bit set (the client then asked again over TCP).</summary>
    public bool Truncated { get; }

    /// <summary>The final answer came over TCP (asked for, or after truncation).</summary>
    public bool UsedTcp { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Why the query failed, empty when answered.</summary>
    public string Reason { get; }

    public bool Answered => Outcome == DnsQueryOutcome.Answered;
}

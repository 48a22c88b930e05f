using System;

namespace LoopbackTools.Dns;

/// <summary>How one query is sent.</summary>
public sealed class DnsQueryOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Bound on the whole query: every try, and any TCP retry after truncation, together.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Ask over TCP only instead of UDP first.</summary>
    public bool UseTcp { get; set; }

    /// <summary>Set the RD bit (a stub resolver normally does).</summary>
    public bool RecursionDesired { get; set; } = true;
}

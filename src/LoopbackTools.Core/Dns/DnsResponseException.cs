using System;

namespace LoopbackTools.Dns;

/// <summary>A response that failed validation. <see cref="Reason"/> is one sentence on what was wrong.</summary>
public sealed class DnsResponseException : Exception
{
    public DnsResponseException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public DnsResponseException()
        : this("malformed DNS response")
    {
    }

    public DnsResponseException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; } = string.Empty;
}

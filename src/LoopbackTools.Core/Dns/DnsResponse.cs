using System.Net;

namespace LoopbackTools.Dns;

/// <summary>A validated response: header flags and the addresses of the queried type found for the name.</summary>
public sealed class DnsResponse
{
    public DnsResponse(ushort id, DnsResponseCode responseCode, bool truncated, bool authoritative, bool recursionAvailable, int answerCount, IPAddress[] addresses)
    {
        Id = id;
        ResponseCode = responseCode;
        Truncated = truncated;
        Authoritative = authoritative;
        RecursionAvailable = recursionAvailable;
        AnswerCount = answerCount;
        Addresses = addresses;
    }

    public ushort Id { get; }

    public DnsResponseCode ResponseCode { get; }

    /// <summary>TC bit: the answer did not fit (the answer section was not read; retry over TCP).</summary>
    public bool Truncated { get; }

    public bool Authoritative { get; }

    public bool RecursionAvailable { get; }

    /// <summary>ANCOUNT as sent, all types included.</summary>
    public int AnswerCount { get; }

    /// <summary>A or AAAA addresses for the name or its CNAME chain, in answer order.</summary>
    public IPAddress[] Addresses { get; }
}

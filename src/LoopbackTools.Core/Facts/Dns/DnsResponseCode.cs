namespace LoopbackTools.Dns;

/// <summary>RCODE of a DNS response (RFC 1035 4.1.1, RFC 6895).</summary>
public enum DnsResponseCode
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    YXDomain = 6,
    YXRRSet = 7,
    NXRRSet = 8,
    NotAuth = 9,
    NotZone = 10,
}

namespace LoopbackTools.Dns;

/// <summary>The record types the stub client asks for (RFC 1035 and RFC 3596 type codes).</summary>
public enum DnsRecordType
{
    A = 1,
    Aaaa = 28,
}

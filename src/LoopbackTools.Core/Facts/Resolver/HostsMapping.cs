using System.Net;

namespace LoopbackTools.Resolution;

/// <summary>One enabled hosts-file line that names the name being checked.</summary>
public sealed class HostsMapping
{
    public HostsMapping(IPAddress address, string addressText, int lineNumber)
    {
        Address = address;
        AddressText = addressText;
        LineNumber = lineNumber;
    }

    public IPAddress Address { get; }

    /// <summary>As written, zone included.</summary>
    public string AddressText { get; }

    public int LineNumber { get; }
}

using LoopbackTools.Hosts;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>Any bytes as a hosts file: parsing never throws, and the document is lossless and self-consistent.</summary>
public static class HostsParserTarget
{
    public static void Run(byte[] data) => HostsChecks.Document(HostsDocument.Parse(data, HostsChecks.Path), data);
}

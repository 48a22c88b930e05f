using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>One NETLINK_ROUTE reply datagram. Choice byte: bit 0 picks the link dump or the address dump.</summary>
public static class RouteNetlinkTarget
{
    public static void Run(byte[] data)
    {
        var input = new FuzzInput(data, 1);
        var buffer = input.Payload;
        CleanErrors.Allow(
            () =>
            {
                if ((input.Choice(0) & 1) == 0)
                {
                    var links = new List<RouteNetlinkProtocol.LinkRecord>();
                    RouteNetlinkProtocol.ParseLinks(buffer, buffer.Length, links);
                    FuzzInvariantException.Check(links.All(l => l.Name is not null), "every link has a name");
                }
                else
                {
                    var addresses = new List<RouteNetlinkProtocol.AddressRecord>();
                    RouteNetlinkProtocol.ParseAddresses(buffer, buffer.Length, addresses);
                    FuzzInvariantException.Check(addresses.All(a => a.Address is not null), "every address record has an address");
                }
            },
            ListenerChecks.Malformed,
            "Listeners.SystemCallFailed");
    }
}

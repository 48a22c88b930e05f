using System.Net;
using LoopbackTools.Addressing;

namespace LoopbackTools.Listeners;

/// <summary>Maps the shared address classification onto listener terms.</summary>
public static class BindScopes
{
    public static BindScope Of(IPAddress address) => AddressClassifier.Classify(address) switch
    {
        AddressScope.Loopback => BindScope.Loopback,
        AddressScope.Unspecified => BindScope.AllInterfaces,
        _ => BindScope.Specific,
    };
}

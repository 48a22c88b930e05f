using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System;
using LoopbackTools.Addressing;

namespace LoopbackTools.Listeners;

/// <summary>
/// Which listener a TCP connection to an address reaches, as the kernel picks it: an exact bind wins over a
/// wildcard of the same family, and an IPv4 connection falls to a dual-stack <c>::</c> last (never to a v6-only one).
/// </summary>
internal static class ServingListener
{
    /// <param name="address">Where each listener is bound (null: unparsable, never serves).</param>
    /// <param name="dualStack">For <c>::</c>: whether it also accepts IPv4 (null: unknown, taken as yes, the default).</param>
    public static T? Find<T>(IEnumerable<T> listeners, IPAddress target, Func<T, IPAddress?> address, Func<T, bool?> dualStack)
        where T : class
    {
        var bound = listeners.Select(l => (Listener: l, Address: address(l))).Where(l => l.Address is not null).ToArray();
        var wanted = MappedAddress.Unmap(target);
        var ipv6 = IsIPv6(wanted);
        return bound.FirstOrDefault(l => MappedAddress.Unmap(l.Address!).Equals(wanted)).Listener
            ?? bound.FirstOrDefault(l => AddressClassifier.IsUnspecified(l.Address!) && IsIPv6(l.Address!) == ipv6).Listener
            ?? (ipv6 ? null : bound.FirstOrDefault(l => l.Address!.Equals(IPAddress.IPv6Any) && dualStack(l.Listener) != false).Listener);
    }

    /// <summary>The same over the listener table's rows on <paramref name="port"/>.</summary>
    public static LoopbackListener? Find(IEnumerable<LoopbackListener> listeners, IPAddress target, int port) =>
        Find(listeners.Where(l => l.Port == port), target, l => AddressClassifier.TryParse(l.LocalAddress, out var a) ? a : null, l => l.IsDualStack);

    private static bool IsIPv6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;
}

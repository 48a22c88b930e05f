using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using LoopbackTools.Addressing;

namespace LoopbackTools.Resolution;

/// <summary>The facts findings are made of, for an ordered list of addresses one layer returned.</summary>
internal sealed class AddressSet
{
    public AddressSet(IEnumerable<IPAddress> addresses)
    {
        Addresses = addresses.Distinct().ToArray();
    }

    public IPAddress[] Addresses { get; }

    public bool IsEmpty => Addresses.Length == 0;

    public bool AllLoopback => Addresses.Length > 0 && Addresses.All(AddressClassifier.IsLoopback);

    public IPAddress[] NonLoopback => Addresses.Where(a => !AddressClassifier.IsLoopback(a)).ToArray();

    public bool HasIPv4Loopback => Addresses.Any(a => AddressClassifier.IsLoopback(a) && !IsIPv6(a));

    public bool HasIPv6Loopback => Addresses.Any(a => AddressClassifier.IsLoopback(a) && IsIPv6(a) && !a.IsIPv4MappedToIPv6);

    public string[] Texts => Addresses.Select(a => a.ToString()).ToArray();

    public string List => Join(Addresses);

    /// <summary>"IPv6 first" / "IPv4 first" when both families are present, else empty.</summary>
    public string FamilyOrder
    {
        get
        {
            var families = Addresses.Select(IsIPv6).Distinct().Count();
            return families < 2 ? string.Empty : IsIPv6(Addresses[0]) ? "IPv6 first" : "IPv4 first";
        }
    }

    public static string Join(IEnumerable<IPAddress> addresses) => string.Join(", ", addresses.Select(a => a.ToString()));

    public static bool IsIPv6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;

    public static string Family(IPAddress address) => IsIPv6(address) ? "IPv6" : "IPv4";

    /// <summary>"a, b (IPv6 first)" or just "a, b".</summary>
    public string Describe() => FamilyOrder.Length == 0 ? List : string.Format(CultureInfo.InvariantCulture, "{0} ({1})", List, FamilyOrder);
}

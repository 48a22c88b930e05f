using System;

namespace LoopbackTools;

/// <summary>A loopback network interface: the "ip addr show lo" step. Is it up, and is ::1 on it?</summary>
public sealed class LoopbackInterface
{
    public LoopbackInterface(string name, bool isUp, int mtu, string[] addresses, bool hasIPv4Loopback, bool hasIPv6Loopback, long? networkNamespace)
    {
        Name = name;
        IsUp = isUp;
        Mtu = mtu;
        Addresses = addresses ?? Array.Empty<string>();
        HasIPv4Loopback = hasIPv4Loopback;
        HasIPv6Loopback = hasIPv6Loopback;
        NetworkNamespace = networkNamespace;
    }

    public string Name { get; }

    /// <summary>Administratively up (IFF_UP on Linux). A fresh Linux network namespace starts with lo down.</summary>
    public bool IsUp { get; }

    /// <summary>-1 where the OS does not report it.</summary>
    public int Mtu { get; }

    /// <summary>Addresses with prefix length: 127.0.0.1/8, ::1/128.</summary>
    public string[] Addresses { get; }

    /// <summary>An address in 127.0.0.0/8 is assigned.</summary>
    public bool HasIPv4Loopback { get; }

    /// <summary>::1 is assigned (it is absent while a Linux lo is down, and when IPv6 is disabled).</summary>
    public bool HasIPv6Loopback { get; }

    /// <summary>Linux: the network namespace id; null elsewhere.</summary>
    public long? NetworkNamespace { get; }

    public override string ToString() => $"{Name} {(IsUp ? "up" : "down")} {string.Join(" ", Addresses)}";
}

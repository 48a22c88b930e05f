using System;
using System.Collections.Generic;
using System.Net;

namespace LoopbackTools.Containers;

/// <summary>The addresses a container's app listens on for one port, or why that could not be read.</summary>
public sealed class InsideListeners
{
    private InsideListeners(IReadOnlyList<IPAddress> addresses, string? unknownReason, IReadOnlyList<int>? otherPorts = null)
    {
        OtherPorts = otherPorts ?? Array.Empty<int>();
        Addresses = addresses;
        UnknownReason = unknownReason;
    }

    /// <summary>Empty when nothing listens (or when unknown).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Null when the sockets were read; otherwise why they could not be.</summary>
    public string? UnknownReason { get; }

    /// <summary>The other TCP ports the container listens on beyond its own loopback, ascending: where the app really is.</summary>
    public IReadOnlyList<int> OtherPorts { get; }

    public bool IsKnown => UnknownReason is null;

    public static InsideListeners Known(IReadOnlyList<IPAddress> addresses, IReadOnlyList<int>? otherPorts = null) =>
        new(addresses ?? throw new ArgumentNullException(nameof(addresses)), null, otherPorts);

    public static InsideListeners Unknown(string reason) => new(Array.Empty<IPAddress>(), reason ?? throw new ArgumentNullException(nameof(reason)));
}

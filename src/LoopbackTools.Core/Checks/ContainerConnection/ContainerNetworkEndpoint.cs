using System;

namespace LoopbackTools.ContainerConnection;

/// <summary>One network a container is attached to, as the engine reports it (NetworkSettings.Networks).</summary>
internal sealed class ContainerNetworkEndpoint
{
    public ContainerNetworkEndpoint(string network, string networkId, string address, string gateway, string[] aliases)
    {
        Network = network;
        NetworkId = networkId;
        Address = address;
        Gateway = gateway;
        Aliases = aliases ?? Array.Empty<string>();
    }

    /// <summary>"bridge" for the default bridge, the user network's name otherwise.</summary>
    public string Network { get; }

    public string NetworkId { get; }

    /// <summary>The container's IPv4 address on it; empty when none.</summary>
    public string Address { get; }

    /// <summary>The network's gateway (the host's bridge address); empty when none.</summary>
    public string Gateway { get; }

    /// <summary>The names the embedded DNS answers for this container on this network (aliases, DNSNames).</summary>
    public string[] Aliases { get; }

    /// <summary>Docker's and podman's default networks, where containers get no name resolution.</summary>
    public bool IsDefaultBridge => Network is "bridge" or "podman";
}

using System;
using System.Collections.Generic;

namespace LoopbackTools.Containers;

/// <summary>A container port ("8080/tcp"): whether it is exposed, and where it is published if it is.</summary>
public sealed class ContainerPortSpec
{
    public ContainerPortSpec(int port, string protocol, bool exposed, IReadOnlyList<PublishedBinding> bindings)
    {
        Port = port;
        Protocol = protocol;
        Exposed = exposed;
        Bindings = bindings ?? throw new ArgumentNullException(nameof(bindings));
    }

    public int Port { get; }

    /// <summary>"tcp", "udp" or "sctp".</summary>
    public string Protocol { get; }

    /// <summary>Declared by EXPOSE / --expose (publishing a port exposes it too).</summary>
    public bool Exposed { get; }

    /// <summary>Empty when exposed but not published.</summary>
    public IReadOnlyList<PublishedBinding> Bindings { get; }
}

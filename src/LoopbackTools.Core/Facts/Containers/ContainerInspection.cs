using System;
using System.Collections.Generic;

namespace LoopbackTools.Containers;

/// <summary>The parts of <c>GET /containers/{id}/json</c> the port checks need.</summary>
public sealed class ContainerInspection
{
    public ContainerInspection(string id, string name, bool running, string state, int pid, IReadOnlyList<ContainerPortSpec> ports)
    {
        Id = id;
        Name = name;
        Running = running;
        State = state;
        Pid = pid;
        Ports = ports ?? throw new ArgumentNullException(nameof(ports));
    }

    public string Id { get; }

    /// <summary>Without the API's leading '/'.</summary>
    public string Name { get; }

    public bool Running { get; }

    /// <summary>"running", "exited", "created", "paused"...</summary>
    public string State { get; }

    /// <summary>Host pid of the container's first process; 0 when it is not running.</summary>
    public int Pid { get; }

    /// <summary>Sorted by port then protocol.</summary>
    public IReadOnlyList<ContainerPortSpec> Ports { get; }
}

using System;
using System.Collections.Generic;

namespace LoopbackTools.Containers;

/// <summary>What to check and how: the inputs of <see cref="ContainerPortChecker.CheckAsync"/>.</summary>
public sealed class ContainerPortCheckOptions
{
    /// <summary>Names, ids or id prefixes; ignored when <see cref="All"/> is set.</summary>
    public IReadOnlyList<string> Containers { get; set; } = Array.Empty<string>();

    /// <summary>Every running container.</summary>
    public bool All { get; set; }

    /// <summary>Container-side ports to check; empty means every exposed or published port.</summary>
    public IReadOnlyList<int> Ports { get; set; } = Array.Empty<int>();

    /// <summary>Limit for each engine request and each probe of a host port.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many containers are checked at once.</summary>
    public int MaxConcurrency { get; set; } = 8;
}

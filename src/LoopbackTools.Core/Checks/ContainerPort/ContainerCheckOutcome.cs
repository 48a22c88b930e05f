using System;
using System.Collections.Generic;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Containers;

/// <summary>The rows for one requested container, or the error that stopped its check (for example an unknown name).</summary>
public sealed class ContainerCheckOutcome
{
    public ContainerCheckOutcome(string target, IReadOnlyList<ContainerPortResult> results, LoopbackToolsException? error)
    {
        Target = target;
        Results = results ?? throw new ArgumentNullException(nameof(results));
        Error = error;
    }

    /// <summary>The name or id as requested.</summary>
    public string Target { get; }

    public IReadOnlyList<ContainerPortResult> Results { get; }

    public LoopbackToolsException? Error { get; }
}

using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.ContainerConnection;

/// <summary>Test-ContainerConnection's steps, and what -Verbose tells: the engine, the container's pid and namespace, what was asked.</summary>
public sealed class ContainerConnectionReport
{
    public ContainerConnectionReport(IReadOnlyList<LocalhostConnectionStep> steps, IReadOnlyList<string> notes)
    {
        Steps = steps;
        Notes = notes;
    }

    public IReadOnlyList<LocalhostConnectionStep> Steps { get; }

    public IReadOnlyList<string> Notes { get; }

    /// <summary>What -Quiet returns: true when no step failed.</summary>
    public bool Healthy => Connection.StepVerdict.AllHealthy(Steps.Select(s => s.Status));
}

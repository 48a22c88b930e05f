using System.Collections.Generic;
using System.Linq;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.ContainerConnection;

/// <summary>Test-ContainerConnection's steps, and what -Verbose tells: the engine, the container's pid and namespace, what was asked.</summary>
public sealed class ContainerConnectionReport
{
    public ContainerConnectionReport(IReadOnlyList<LocalhostConnectionStep> steps, IReadOnlyList<string> notes, IReadOnlyList<LoopbackToolsException> unread)
    {
        Steps = steps;
        Notes = notes;
        Unread = unread;
    }

    public IReadOnlyList<LocalhostConnectionStep> Steps { get; }

    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The container's files that were not read (Docker.ContainerFileUnreadable, .ContainerPidMismatch, .ContainerGone):
    /// the steps still judge without them; the cmdlet writes each as a non-terminating error.
    /// </summary>
    public IReadOnlyList<LoopbackToolsException> Unread { get; }

    /// <summary>What -Quiet returns: true when no step failed.</summary>
    public bool Healthy => Connection.StepVerdict.AllHealthy(Steps.Select(s => s.Status));
}

using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Resolution;

/// <summary>Everything one name's check produced: a result per layer (and server), and the port matrix when asked.</summary>
public sealed class LocalhostResolutionReport
{
    public LocalhostResolutionReport(IReadOnlyList<LocalhostResolutionResult> results, IReadOnlyList<LocalhostPortProbe> probes)
    {
        Results = results;
        Probes = probes;
    }

    public IReadOnlyList<LocalhostResolutionResult> Results { get; }

    public IReadOnlyList<LocalhostPortProbe> Probes { get; }

    /// <summary>What -Quiet returns: nothing failed and no check errored.</summary>
    public bool Healthy =>
        Results.All(r => r.Status is ResolutionStatus.Pass or ResolutionStatus.Warn)
        && Probes.All(p => p.Status is ResolutionStatus.Pass or ResolutionStatus.Warn);
}

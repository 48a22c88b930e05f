using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Resolution;

/// <summary>Everything one name's check produced: a row per layer (and server), then the port rows when a port was given.</summary>
public sealed class LocalhostResolutionReport
{
    public LocalhostResolutionReport(IReadOnlyList<LocalhostResolutionResult> results)
    {
        Results = results;
    }

    public IReadOnlyList<LocalhostResolutionResult> Results { get; }

    /// <summary>What -Quiet returns: nothing failed and no check errored.</summary>
    public bool Healthy => Results.All(r => r.Status is ResolutionStatus.Pass or ResolutionStatus.Warn);
}

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

    /// <summary>What -Quiet returns: the one healthy rule (StepVerdict.AllHealthy): no row Failed; an Error row (a check that could not run) says what it could not see, and is not a failure.</summary>
    public bool Healthy => Connection.StepVerdict.AllHealthy(Results.Select(r => Connection.StepVerdict.FromResolutionStatus(r.Status)));
}

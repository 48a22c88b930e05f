using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Connection;

/// <summary>
/// The one verdict of every check (Test-LocalhostConnection, Test-LocalhostResolution, Test-ContainerPort,
/// Test-ContainerConnection): a status, the finding (what was found, then what to do) and the evidence it rests on.
/// Judges return it; each check maps it to its public status enum only where it builds its output rows
/// (<see cref="ToResolutionStatus"/>, <see cref="ToContainerPortStatus"/>; ConnectionStatus is the scale itself).
/// </summary>
internal readonly struct StepVerdict
{
    public StepVerdict(ConnectionStatus status, string finding, string[] evidence)
    {
        Status = status;
        Finding = finding;
        Evidence = evidence;
    }

    public ConnectionStatus Status { get; }

    public string Finding { get; }

    public string[] Evidence { get; }

    /// <summary>The one healthy rule (docs/architecture.md): only a measured failure is unhealthy; Warn and Skipped are not.</summary>
    public bool Healthy => IsHealthy(Status);

    public static StepVerdict Pass(string finding, params string[] evidence) => new(ConnectionStatus.Pass, finding, evidence);

    public static StepVerdict Warn(string finding, params string[] evidence) => new(ConnectionStatus.Warn, finding, evidence);

    public static StepVerdict Fail(string finding, params string[] evidence) => new(ConnectionStatus.Fail, finding, evidence);

    /// <summary>The step does not apply, or could not run here: the finding says which, and what could not be seen.</summary>
    public static StepVerdict Skipped(string finding, params string[] evidence) => new(ConnectionStatus.Skipped, finding, evidence);

    /// <summary>The one healthy rule over statuses: healthy unless a verdict is Fail.</summary>
    public static bool IsHealthy(ConnectionStatus status) => status != ConnectionStatus.Fail;

    /// <summary>The one healthy rule over a report: healthy unless some verdict is Fail.</summary>
    public static bool AllHealthy(IEnumerable<ConnectionStatus> statuses) => statuses.All(IsHealthy);

    public LocalhostConnectionStep For(string name, int port, ConnectionStep step) => new(name, port, step, Status, Finding, Evidence);

    public LocalhostConnectionStep For(string name, int port, ConnectionStep step, string container) => new(name, port, step, Status, Finding, Evidence, container);

    /// <summary>Test-LocalhostResolution's edge: a check that could not run (Skipped) is its Error.</summary>
    public ResolutionStatus ToResolutionStatus() => ToResolutionStatus(Status);

    public static ResolutionStatus ToResolutionStatus(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Pass => ResolutionStatus.Pass,
        ConnectionStatus.Warn => ResolutionStatus.Warn,
        ConnectionStatus.Fail => ResolutionStatus.Fail,
        _ => ResolutionStatus.Error,
    };

    /// <summary>Test-ContainerPort's edge: its scale has no Skipped (every binding is judged); one is shown as Warn.</summary>
    public ContainerPortStatus ToContainerPortStatus() => Status switch
    {
        ConnectionStatus.Pass => ContainerPortStatus.Pass,
        ConnectionStatus.Fail => ContainerPortStatus.Fail,
        _ => ContainerPortStatus.Warn,
    };

    /// <summary>Reads back a verdict from Test-LocalhostResolution's public row (used where one check reports another's).</summary>
    public static StepVerdict From(ResolutionStatus status, string finding, string[] evidence) => new(FromResolutionStatus(status), finding, evidence);

    /// <summary>Test-LocalhostResolution's status back on the one scale: its Error (the check could not run) is Skipped.</summary>
    public static ConnectionStatus FromResolutionStatus(ResolutionStatus status) => status switch
    {
        ResolutionStatus.Pass => ConnectionStatus.Pass,
        ResolutionStatus.Warn => ConnectionStatus.Warn,
        ResolutionStatus.Fail => ConnectionStatus.Fail,
        _ => ConnectionStatus.Skipped,
    };

    /// <summary>Reads back a verdict from Test-ContainerPort's public row (the Container step of Test-LocalhostConnection).</summary>
    public static StepVerdict From(ContainerPortStatus status, string finding, string[] evidence) => status switch
    {
        ContainerPortStatus.Fail => Fail(finding, evidence),
        ContainerPortStatus.Warn => Warn(finding, evidence),
        _ => Pass(finding, evidence),
    };
}

namespace LoopbackTools.Connection;

/// <summary>A status, its finding and the evidence, before the name and port are attached.</summary>
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

    public static StepVerdict Pass(string finding, params string[] evidence) => new(ConnectionStatus.Pass, finding, evidence);

    public static StepVerdict Warn(string finding, params string[] evidence) => new(ConnectionStatus.Warn, finding, evidence);

    public static StepVerdict Fail(string finding, params string[] evidence) => new(ConnectionStatus.Fail, finding, evidence);

    public static StepVerdict Skipped(string finding, params string[] evidence) => new(ConnectionStatus.Skipped, finding, evidence);

    public LocalhostConnectionStep For(string name, int port, ConnectionStep step) => new(name, port, step, Status, Finding, Evidence);

    public LocalhostConnectionStep For(string name, int port, ConnectionStep step, string container) => new(name, port, step, Status, Finding, Evidence, container);

    public static StepVerdict From(ResolutionStatus status, string finding, string[] evidence) => status switch
    {
        ResolutionStatus.Pass => Pass(finding, evidence),
        ResolutionStatus.Warn => Warn(finding, evidence),
        ResolutionStatus.Fail => Fail(finding, evidence),
        _ => Skipped(finding, evidence),
    };
}

using System;

namespace LoopbackTools;

/// <summary>
/// One step of Test-LocalhostConnection's checklist for a name and port: its status, one sentence ending with
/// the remedy, and the evidence it was judged on (one fact per line, e.g. "::1 (choice 1): Refused").
/// </summary>
public sealed class LocalhostConnectionStep
{
    // One constructor (System.Text.Json and other serializers bind it by parameter name); container is optional.
    public LocalhostConnectionStep(string name, int port, ConnectionStep step, ConnectionStatus status, string finding, string[] evidence, string container = "")
    {
        Container = container ?? string.Empty;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Port = port;
        Step = step;
        Status = status;
        Finding = finding ?? string.Empty;
        Evidence = evidence ?? Array.Empty<string>();
    }

    /// <summary>The name a client would use (localhost unless -Name; Test-ContainerConnection: the target name).</summary>
    public string Name { get; }

    public int Port { get; }

    public ConnectionStep Step { get; }

    public ConnectionStatus Status { get; }

    /// <summary>One sentence: what was found, then what to do.</summary>
    public string Finding { get; }

    /// <summary>The facts behind the finding: listeners, hosts lines, resolved addresses, connection outcomes, rules.</summary>
    public string[] Evidence { get; }

    /// <summary>The container the step was checked from (Test-ContainerConnection); empty for Test-LocalhostConnection.</summary>
    public string Container { get; }

    public override string ToString() => Container.Length == 0
        ? $"{Step} {Name}:{Port}: {Status} - {Finding}"
        : $"{Step} {Name}:{Port} from {Container}: {Status} - {Finding}";
}

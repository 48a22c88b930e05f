using System.Diagnostics;
using System.Management.Automation;
using System;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Connection;
using LoopbackTools.Diagnostics;
using LoopbackTools.Resolution;

namespace LoopbackTools.Commands;

/// <summary>Test-LocalhostConnection: the whole "why can't I reach localhost:PORT?" checklist. All rules are in Core (LocalhostConnectionCheck).</summary>
[Cmdlet(VerbsDiagnostic.Test, "LocalhostConnection")]
[OutputType(typeof(LocalhostConnectionStep))]
[OutputType(typeof(bool))]
public sealed class TestLocalhostConnectionCommand : CheckCmdlet
{
    private readonly LocalhostConnectionCheck _check = new();
    private readonly PipedPorts _piped = new();

    // No ValidateRange: Core's Connection.InvalidPort (with its remedy) is the one error for a bad port, typed or piped.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostPort")]
    [ArgumentCompleter(typeof(ListeningPortCompleter))]
    public int Port { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetNameCompleter))]
    public string Name { get; set; } = LocalhostNames.Localhost;

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string? ProcessName { get; set; }

    [Parameter]
    public SwitchParameter Http { get; set; }

    [Parameter]
    public SwitchParameter Https { get; set; }

    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 2;

    /// <summary>A piped row's Protocol (a listener's Tcp/Udp, a container port's tcp/udp): only TCP rows are checked.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? Protocol { get; set; }

    protected override void ProcessRecord()
    {
        // One checklist per distinct TCP port of a piped stream, not one per socket (docs/decisions.md 108).
        if (!_piped.Admit(Port, Protocol, out var skipped))
        {
            WriteVerbose(skipped);
            return;
        }

        var options = new LocalhostConnectionOptions(Port)
        {
            Name = Name,
            ProcessName = ProcessName,
            Http = Http.IsPresent,
            Https = Https.IsPresent,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
        };
        try
        {
            var watch = Stopwatch.StartNew();
            var steps = RunWithProgress((token, progress) =>
            {
                progress.Report(new WorkProgress("Test-LocalhostConnection", $"Checking {Name}:{Port}", 0, 0));
                return _check.CheckAsync(options, token);
            });
            WriteVerbose($"{Name}:{Port}: {steps.Count} step(s) checked in {watch.ElapsedMilliseconds} ms.");
            Report(LocalhostConnectionCheck.Healthy(steps), steps);
        }
        catch (LoopbackToolsException e)
        {
            ReportError(e);
        }
    }
}

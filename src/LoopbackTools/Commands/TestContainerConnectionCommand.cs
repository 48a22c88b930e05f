using System.Diagnostics;
using System.Management.Automation;
using System;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.ContainerConnection;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Commands;

/// <summary>Test-ContainerConnection: from inside a container, the way to a host service or another container. All rules are in Core (ContainerConnectionCheck).</summary>
[Cmdlet(VerbsDiagnostic.Test, "ContainerConnection")]
[OutputType(typeof(LocalhostConnectionStep))]
[OutputType(typeof(bool))]
public sealed class TestContainerConnectionCommand : CheckCmdlet
{
    private readonly ContainerConnectionCheck _check = new();

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("ContainerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string Name { get; set; } = string.Empty;

    // No ValidateRange: Core's Connection.InvalidPort (with its remedy) is the one error for a bad port, typed or piped.
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ListeningPortCompleter))]
    public int Port { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerTargetCompleter))]
    public string? TargetName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Engine { get; set; }

    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 2;

    protected override void ProcessRecord()
    {
        var options = new ContainerConnectionOptions(Name, Port)
        {
            TargetName = TargetName,
            Engine = Engine,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
        };
        var target = string.IsNullOrEmpty(TargetName) ? "the host" : TargetName;
        try
        {
            var watch = Stopwatch.StartNew();
            var report = RunWithProgress((token, progress) =>
            {
                progress.Report(new WorkProgress("Test-ContainerConnection", $"Checking {target}:{Port} from inside {Name}", 0, 0));
                return _check.CheckAsync(options, token);
            });
            foreach (var unread in report.Unread)
            {
                WriteLoopbackError(unread); // the check went on without that file; its steps follow
            }

            foreach (var note in report.Notes)
            {
                WriteVerbose(note);
            }

            WriteVerbose($"{target}:{Port} from {Name}: {report.Steps.Count} step(s) checked in {watch.ElapsedMilliseconds} ms.");
            Report(report.Healthy, report.Steps);
        }
        catch (LoopbackToolsException e)
        {
            ReportError(e);
        }
    }
}

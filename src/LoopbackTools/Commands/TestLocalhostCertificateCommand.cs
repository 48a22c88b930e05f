using System;
using System.Management.Automation;
using LoopbackTools.Certificate;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Resolution;

namespace LoopbackTools.Commands;

/// <summary>Test-LocalhostCertificate: which clients accept a local HTTPS server's certificate, and why not. All rules are in Core (LocalhostCertificateCheck).</summary>
[Cmdlet(VerbsDiagnostic.Test, "LocalhostCertificate")]
[OutputType(typeof(LocalhostCertificateResult))]
[OutputType(typeof(bool))]
public sealed class TestLocalhostCertificateCommand : CheckCmdlet
{
    private readonly LocalhostCertificateCheck _check = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostPort")]
    [ArgumentCompleter(typeof(ListeningPortCompleter))]
    public int Port { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetNameCompleter))]
    public string Name { get; set; } = LocalhostNames.Localhost;

    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 2;

    protected override void ProcessRecord()
    {
        var options = new LocalhostCertificateOptions(Port) { Name = Name, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
        try
        {
            var rows = RunWithProgress((token, progress) =>
            {
                progress.Report(new WorkProgress("Test-LocalhostCertificate", $"Handshaking with {Name}:{Port}", 0, 0));
                return _check.CheckAsync(options, token);
            });
            WriteVerbose($"{Name}:{Port}: {rows.Count} client families judged from their own trust stores.");
            Report(LocalhostCertificateCheck.Healthy(rows), rows);
        }
        catch (LoopbackToolsException e)
        {
            ReportError(e);
        }
    }
}

using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;
using LoopbackTools.Resolution;

namespace LoopbackTools.Commands;

/// <summary>Test-LocalhostResolution: every layer side by side, and the port matrix, as rows of one type. All rules are in Core (LocalhostResolutionCheck).</summary>
[Cmdlet(VerbsDiagnostic.Test, "LocalhostResolution")]
[OutputType(typeof(LocalhostResolutionResult))]
[OutputType(typeof(bool))]
public sealed class TestLocalhostResolutionCommand : CheckCmdlet
{
    private readonly LocalhostResolutionCheck _check = new();

    // By property name only: a string parameter that took pipeline input by value would swallow any object's ToString().
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetNameCompleter))]
    public string[] Name { get; set; } = { LocalhostNames.Localhost };

    [Parameter]
    [ValidateNotNullOrEmpty]
    public ResolutionLayer[]? Layer { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DnsServer { get; set; }

    [Parameter]
    public SwitchParameter Tcp { get; set; }

    // No ValidateRange: a piped port is Core's to check (Resolution.InvalidPort, with its remedy; TcpPort's rule).
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ListeningPortCompleter))]
    public int Port { get; set; }

    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 2;

    protected override void ProcessRecord()
    {
        var options = new LocalhostResolutionOptions { UseTcp = Tcp.IsPresent, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
        foreach (var layer in Layer ?? Array.Empty<ResolutionLayer>())
        {
            options.Layers.Add(layer);
        }

        try
        {
            foreach (var server in DnsServer ?? Array.Empty<string>())
            {
                options.DnsServers.Add(DnsServerAddress.Parse(server));
            }
        }
        catch (LoopbackToolsException e)
        {
            ThrowLoopbackError(e);
            return;
        }

        if (options.Includes(ResolutionLayer.DnsServer))
        {
            // resolv.conf is read on the worker too, so Ctrl+C is not stuck behind it (a FIFO, a hung network mount).
            var servers = options.DnsServers.Count > 0 ? options.DnsServers.ToList() : RunStoppable(_ => SystemNameServers.Get().ToList());
            WriteVerbose($"DNS servers asked: {(servers.Count == 0 ? "none configured" : string.Join(", ", servers.Select(DnsServerAddress.Format)))}, over {(Tcp.IsPresent ? "TCP" : "UDP")}, {TimeoutSec} s timeout.");
        }

        // Port may come from the pipeline (a listener's Port), so "was it given" is asked per record.
        int? port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : null;
        foreach (var name in Name)
        {
            LocalhostResolutionReport report;
            var watch = Stopwatch.StartNew();
            try
            {
                report = RunWithProgress((token, progress) =>
                {
                    progress.Report(new WorkProgress("Test-LocalhostResolution", "Resolving " + name, 0, 0));
                    return _check.CheckAsync(name, options, port, token);
                });
            }
            catch (LoopbackToolsException e)
            {
                ReportError(e);
                continue;
            }

            WriteVerbose($"{name}: {report.Results.Count} result(s) in {watch.ElapsedMilliseconds} ms.");
            Report(report.Healthy, report.Results);
        }
    }
}

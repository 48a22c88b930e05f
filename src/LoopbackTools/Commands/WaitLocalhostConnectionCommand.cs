using System.Management.Automation;
using System;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Resolution;
using LoopbackTools.Waiting;

namespace LoopbackTools.Commands;

/// <summary>Wait-LocalhostConnection: waits until a port answers at any address of the name. All rules are in Core (LocalhostConnectionWaiter).</summary>
[Cmdlet(VerbsLifecycle.Wait, "LocalhostConnection")]
[OutputType(typeof(LocalhostConnectionWait))]
[OutputType(typeof(bool))]
public sealed class WaitLocalhostConnectionCommand : CheckCmdlet
{
    private readonly LocalhostConnectionWaiter _waiter = new();

    // No ValidateRange: Core's Connection.InvalidPort (with its remedy) is the one error for a bad port, typed or piped.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostPort")]
    [ArgumentCompleter(typeof(ListeningPortCompleter))]
    public int Port { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetNameCompleter))]
    public string HostName { get; set; } = LocalhostNames.Localhost;

    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 30;

    [Parameter]
    public SwitchParameter Http { get; set; }

    [Parameter]
    public SwitchParameter Https { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] StatusCode { get; set; } = { "200-399" };

    [Parameter]
    [ValidateRange(10, 60000)]
    public int IntervalMilliseconds { get; set; } = 250;

    protected override void ProcessRecord()
    {
        var options = new LocalhostConnectionWaitOptions(Port)
        {
            HostName = HostName,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            Interval = TimeSpan.FromMilliseconds(IntervalMilliseconds),
            Http = Http.IsPresent,
            Https = Https.IsPresent,
            Path = Path,
            StatusCodes = StatusCode,
        };
        LocalhostConnectionWait? wait;
        try
        {
            wait = Quiet.IsPresent
                ? RunWithProgress((token, progress) => _waiter.TryWaitAsync(options, progress, token))
                : RunWithProgress((token, progress) => _waiter.WaitAsync(options, progress, token));
        }
        catch (LoopbackToolsException e) when (e.Kind == ErrorKind.InvalidArgument)
        {
            // Bad input for one piped port: say so and go on with the next.
            ReportError(e);
            return;
        }
        catch (LoopbackToolsException e)
        {
            ThrowLoopbackError(e);
            return;
        }

        if (wait is null)
        {
            ReportUnhealthy();
            WriteVerbose($"{HostName}:{Port} did not answer within {TimeoutSec} s.");
            return;
        }

        WriteVerbose($"{wait.HostName}:{wait.Port} answered at {wait.RemoteAddress} after {wait.ElapsedMilliseconds} ms ({wait.Attempts} round(s)).");
        Report(true, wait);
    }
}

using System.Management.Automation;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>
/// Base of the check cmdlets that answer <c>-Quiet</c> with one boolean for the whole pipeline: each input's report
/// counts through <see cref="Report"/> (rows written unless -Quiet), a failed input through <see cref="ReportError"/>,
/// and at the end -Quiet writes whether all were healthy (Core's one rule: StepVerdict.AllHealthy).
/// </summary>
public abstract class CheckCmdlet : LoopbackCmdlet
{
    private bool _healthy = true;

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Counts one input's health and writes its rows (enumerated) unless -Quiet.</summary>
    protected void Report(bool healthy, object rows)
    {
        _healthy &= healthy;
        if (!Quiet.IsPresent)
        {
            WriteObject(rows, true);
        }
    }

    /// <summary>An input that could not be checked: a non-terminating error, and -Quiet answers false.</summary>
    protected void ReportError(LoopbackToolsException exception)
    {
        _healthy = false;
        WriteLoopbackError(exception);
    }

    /// <summary>An input that was checked and is not healthy, with nothing to write (e.g. a wait that ran out).</summary>
    protected void ReportUnhealthy() => _healthy = false;

    protected override void EndProcessing()
    {
        if (Quiet.IsPresent)
        {
            WriteObject(_healthy);
        }
    }
}

using System;
using System.Management.Automation;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>
/// Collects progress from Core (on any thread) and writes it from the pipeline thread,
/// where WriteProgress must be called. Throttled so a tight loop does not flood the host.
/// </summary>
public sealed class ProgressReporter : IProgress<WorkProgress>
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);
    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly object _gate = new();
    private WorkProgress? _pending;
    private DateTime _lastWritten = DateTime.MinValue;
    private string? _lastActivity;

    public ProgressReporter(Cmdlet cmdlet, int activityId = 1)
    {
        _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
        _activityId = activityId;
    }

    public void Report(WorkProgress value)
    {
        lock (_gate)
        {
            _pending = value;
        }
    }

    /// <summary>Writes the latest report if one is due. Call only from the pipeline thread.</summary>
    public void Pump(bool force = false)
    {
        WorkProgress? next;
        lock (_gate)
        {
            next = _pending;
            if (next is null || (!force && DateTime.UtcNow - _lastWritten < MinimumInterval))
            {
                return;
            }

            _pending = null;
        }

        var p = next.Value;
        _lastActivity = p.Activity;
        _lastWritten = DateTime.UtcNow;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, p.Activity, string.IsNullOrEmpty(p.Status) ? "..." : p.Status)
        {
            PercentComplete = p.PercentComplete,
        });
    }

    /// <summary>Removes the progress bar. Call only from the pipeline thread.</summary>
    public void Complete()
    {
        if (_lastActivity is null)
        {
            return;
        }

        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _lastActivity, "Done") { RecordType = ProgressRecordType.Completed });
        _lastActivity = null;
    }
}

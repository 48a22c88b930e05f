using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>
/// Base of every LoopbackTools cmdlet: Ctrl+C (StopProcessing) cancels <see cref="CancellationToken"/>,
/// which is handed to every blocking Core call, so no cmdlet can hang the host.
/// </summary>
public abstract class LoopbackCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    protected CancellationToken CancellationToken => _stopping.Token;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected override void StopProcessing()
    {
        _stopping.Cancel();
        base.StopProcessing();
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _stopping.Dispose();
        }

        _disposed = true;
    }

    /// <summary>Writes a Core failure as a non-terminating error.</summary>
    protected void WriteLoopbackError(LoopbackToolsException exception) => WriteError(ErrorRecordFactory.Create(exception));

    /// <summary>Stops the cmdlet with a Core failure.</summary>
    protected void ThrowLoopbackError(LoopbackToolsException exception) => ThrowTerminatingError(ErrorRecordFactory.Create(exception));

    /// <summary>
    /// Runs blocking Core work (a file read that may never return: a FIFO nobody writes) on a worker thread, so
    /// Ctrl+C stops the cmdlet at once whatever the worker does: the worker is then abandoned, not waited for.
    /// </summary>
    internal T RunStoppable<T>(Func<CancellationToken, T> work)
    {
        if (work is null)
        {
            throw new ArgumentNullException(nameof(work));
        }

        var task = Task.Run(() => work(CancellationToken), CancellationToken);
        WaitOrStop(task, () => { });
        return Result(task);
    }

    /// <summary>
    /// Runs asynchronous Core work while keeping the pipeline thread free to write progress;
    /// returns when the work ends or Ctrl+C is pressed (then PipelineStoppedException unwinds the cmdlet).
    /// </summary>
    protected T RunWithProgress<T>(Func<CancellationToken, IProgress<WorkProgress>, Task<T>> work)
    {
        if (work is null)
        {
            throw new ArgumentNullException(nameof(work));
        }

        var progress = new ProgressReporter(this);
        var task = Task.Run(() => work(CancellationToken, progress), CancellationToken);
        try
        {
            WaitOrStop(task, () => progress.Pump());
            return Result(task);
        }
        finally
        {
            if (!CancellationToken.IsCancellationRequested)
            {
                progress.Complete();
            }
        }
    }

    /// <summary>
    /// Waits on the work and the stop signal together (not a poll of the work alone, which a blocked system call
    /// never ends): Ctrl+C ends the wait at once and the work, if still running, is abandoned.
    /// </summary>
    private void WaitOrStop(Task task, Action pump)
    {
        var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, CancellationToken.WaitHandle };
        while (WaitHandle.WaitAny(handles, 100) == WaitHandle.WaitTimeout)
        {
            pump();
        }

        if (!task.IsCompleted)
        {
            throw new PipelineStoppedException();
        }
    }

    private T Result<T>(Task<T> task)
    {
        try
        {
            // GetResult, not Result, so a fault surfaces unwrapped.
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}

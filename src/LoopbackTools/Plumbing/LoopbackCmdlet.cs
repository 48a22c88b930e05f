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
            // Wait on the handle, not task.Wait, so a fault surfaces unwrapped from GetResult below.
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(100))
            {
                progress.Pump();
            }

            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            if (!CancellationToken.IsCancellationRequested)
            {
                progress.Complete();
            }
        }
    }
}

namespace LoopbackTools.Diagnostics;

/// <summary>A progress report from long-running Core work; the cmdlet layer turns it into Write-Progress.</summary>
public readonly struct WorkProgress
{
    public WorkProgress(string activity, string status, int completed, int total)
    {
        Activity = activity;
        Status = status;
        Completed = completed;
        Total = total;
    }

    public string Activity { get; }

    public string Status { get; }

    public int Completed { get; }

    public int Total { get; }

    /// <summary>0..100, or -1 when the total is unknown.</summary>
    public int PercentComplete => Total <= 0 ? -1 : (int)(100L * Completed / Total);
}

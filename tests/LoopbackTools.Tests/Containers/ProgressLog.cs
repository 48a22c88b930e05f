using LoopbackTools.Diagnostics;

namespace LoopbackTools.Tests.Containers;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
public sealed class ProgressLog : IProgress<WorkProgress>
{
    private readonly List<WorkProgress> _reports = new();

    public IReadOnlyList<WorkProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report(WorkProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}

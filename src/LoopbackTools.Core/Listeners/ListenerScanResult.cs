using System.Collections.Generic;

namespace LoopbackTools.Listeners;

/// <summary>The listeners found, and how many of them could not be attributed to a process, and why.</summary>
public sealed class ListenerScanResult
{
    public ListenerScanResult(IReadOnlyList<LoopbackListener> listeners, int unattributedCount, string? unattributedReason, string source)
    {
        Listeners = listeners;
        UnattributedCount = unattributedCount;
        UnattributedReason = unattributedReason;
        Source = source;
    }

    public IReadOnlyList<LoopbackListener> Listeners { get; }

    /// <summary>Listed sockets (after filtering) whose owner is unknown although owners were requested.</summary>
    public int UnattributedCount { get; }

    /// <summary>Why owners are missing, in one sentence; null when every owner was found.</summary>
    public string? UnattributedReason { get; }

    /// <summary>Where the sockets came from: netlink, procfs, iphlpapi or libproc.</summary>
    public string Source { get; }
}

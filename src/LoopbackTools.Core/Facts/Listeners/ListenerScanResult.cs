using System.Collections.Generic;

namespace LoopbackTools.Listeners;

/// <summary>
/// The listeners found, how many of them could not be attributed to a process and why, and how many processes
/// could not be read at all (so their listeners may be missing) and why.
/// </summary>
public sealed class ListenerScanResult
{
    public ListenerScanResult(IReadOnlyList<LoopbackListener> listeners, int unattributedCount, string? unattributedReason, string source, int unreadableProcessCount, string? unreadableProcessReason)
    {
        Listeners = listeners;
        UnattributedCount = unattributedCount;
        UnattributedReason = unattributedReason;
        Source = source;
        UnreadableProcessCount = unreadableProcessCount;
        UnreadableProcessReason = unreadableProcessReason;
    }

    public IReadOnlyList<LoopbackListener> Listeners { get; }

    /// <summary>Listed sockets (after filtering) whose owner is unknown although owners were requested.</summary>
    public int UnattributedCount { get; }

    /// <summary>Why owners are missing, in one sentence; null when every owner was found.</summary>
    public string? UnattributedReason { get; }

    /// <summary>Where the sockets came from: netlink, procfs, iphlpapi or libproc.</summary>
    public string Source { get; }

    /// <summary>
    /// macOS: processes whose descriptors this user may not list (other users', without root). Sockets are found
    /// through descriptors there, so their listeners are missing, not unattributed. 0 on Linux and Windows, which
    /// list every socket and report hidden owners through <see cref="UnattributedCount"/>.
    /// </summary>
    public int UnreadableProcessCount { get; }

    /// <summary>Why those processes could not be read and what to do, in one sentence; null when there are none.</summary>
    public string? UnreadableProcessReason { get; }
}

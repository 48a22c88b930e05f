using System.Collections.Generic;

namespace LoopbackTools.Listeners;

/// <summary>What <see cref="OtherNamespaceListeners.Find"/> saw, and how much it could not see.</summary>
internal sealed class OtherNamespaceSweep
{
    public OtherNamespaceSweep(IReadOnlyList<OtherNamespaceListener> found, int hiddenProcesses, int unreadableNamespaces)
    {
        Found = found;
        HiddenProcesses = hiddenProcesses;
        UnreadableNamespaces = unreadableNamespaces;
    }

    public IReadOnlyList<OtherNamespaceListener> Found { get; }

    /// <summary>Processes whose namespace this user may not read (other users' processes, when not root).</summary>
    public int HiddenProcesses { get; }

    /// <summary>Namespaces found but not entered (setns needs root, or the process left).</summary>
    public int UnreadableNamespaces { get; }
}

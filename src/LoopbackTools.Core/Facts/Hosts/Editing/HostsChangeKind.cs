namespace LoopbackTools.Hosts;

/// <summary>What an edit does to one line of a hosts file.</summary>
public enum HostsChangeKind
{
    /// <summary>A new line at the end of the file.</summary>
    Add,

    /// <summary>An existing line rewritten (address, names, comment, switched on or off).</summary>
    Change,

    /// <summary>An existing line deleted.</summary>
    Remove,
}

namespace LoopbackTools.Hosts;

/// <summary>What a hosts file line holds.</summary>
public enum HostsLineKind : byte
{
    /// <summary>Empty or only whitespace.</summary>
    Blank,

    /// <summary>A comment that is not a commented-out entry.</summary>
    Comment,

    /// <summary>An address with its names.</summary>
    Entry,

    /// <summary>A commented-out entry (<c># 127.0.0.1 old.test</c>).</summary>
    DisabledEntry,

    /// <summary>Neither comment nor valid entry; kept untouched and reported as a problem.</summary>
    Malformed,
}

namespace LoopbackTools;

/// <summary>How the OS resolver's reading of a hosts line differs from what the file seems to say.</summary>
public enum HostsReadingKind
{
    /// <summary>The line looks like an entry, but the OS resolver skips it.</summary>
    Skipped,

    /// <summary>The OS resolver reads the line, but with another address or other names.</summary>
    ReadDifferently,

    /// <summary>The line looks malformed (Get-HostsEntry reports it), but the OS resolver reads an entry from it.</summary>
    ReadByOsOnly,
}

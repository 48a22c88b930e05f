namespace LoopbackTools.Trust;

/// <summary>Which operating system's own trust store a family's verdict rests on: it decides the command that fixes it.</summary>
internal enum OsTrustStore
{
    /// <summary>Files and databases the client reads itself (every family on Linux; Node, Python, Java everywhere).</summary>
    None,

    /// <summary>Windows' Root certificate stores (CurrentUser and LocalMachine, kept in the registry).</summary>
    WindowsRoot,

    /// <summary>macOS keychains together with their user and admin trust settings.</summary>
    MacKeychain,
}

using System.Collections.Generic;

namespace LoopbackTools.Resolution;

/// <summary>The hosts-file lines that name a host, as the HostsFile layer needs them.</summary>
public interface IHostsReader
{
    /// <summary>Enabled lines naming <paramref name="name"/> (canonical name or alias), in file order.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">The file cannot be read (Hosts.FileNotFound, Hosts.AccessDenied...).</exception>
    IReadOnlyList<HostsMapping> Find(string path, string name);

    /// <summary>
    /// What the OS resolver itself reads from the file for <paramref name="name"/> where that is glibc (Linux): its
    /// answer and the lines it skips or reads otherwise than they look; null where the OS resolver is not glibc.
    /// </summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">The file cannot be read.</exception>
    Hosts.HostsOsAnswer? ReadAsOs(string path, string name);

    /// <summary>The OS's hosts file.</summary>
    string DefaultPath { get; }
}

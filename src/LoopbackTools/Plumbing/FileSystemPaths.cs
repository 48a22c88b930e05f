using System;
using System.Management.Automation;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>Turns a PowerShell path (relative, ~, a PSDrive) into a file-system path, or a Hosts.InvalidPath error.</summary>
public static class FileSystemPaths
{
    /// <returns>The provider path, or null with <paramref name="error"/> set when the path is not on a file-system drive.</returns>
    public static string? Resolve(PSCmdlet cmdlet, string path, out LoopbackToolsException? error)
    {
        if (cmdlet is null)
        {
            throw new ArgumentNullException(nameof(cmdlet));
        }

        error = null;
        try
        {
            var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name == "FileSystem")
            {
                return resolved;
            }

            error = HostsErrors.InvalidPath(path, $"it belongs to the {provider.Name} provider.");
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException)
        {
            error = HostsErrors.InvalidPath(path, e.Message, e);
        }

        return null;
    }
}

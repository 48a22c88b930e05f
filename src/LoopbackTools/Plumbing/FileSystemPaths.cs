using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Commands.Plumbing;

/// <summary>Turns a PowerShell path (relative, ~, a PSDrive) into a file-system path, or a Hosts.InvalidPath error.</summary>
public static class FileSystemPaths
{
    /// <summary>
    /// The files -Path or -LiteralPath name (none given: this OS's hosts file). -Path wildcards are expanded by the
    /// provider, as Get-Content does; a pattern that matches no file is a Hosts.FileNotFound error. A literal path,
    /// or a -Path without wildcard characters, is returned as given (its errors come when it is read).
    /// </summary>
    public static IEnumerable<string> Expand(PSCmdlet cmdlet, string[]? paths, bool literal, Action<LoopbackToolsException> writeError)
    {
        if (cmdlet is null || writeError is null)
        {
            throw new ArgumentNullException(cmdlet is null ? nameof(cmdlet) : nameof(writeError));
        }

        foreach (var path in paths ?? new[] { HostsPaths.Default })
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                yield return path;
                continue;
            }

            Collection<string>? matches = null;
            LoopbackToolsException? error = null;
            try
            {
                matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    error = HostsErrors.InvalidPath(path, $"it belongs to the {provider.Name} provider.");
                }
            }
            catch (ItemNotFoundException)
            {
                // No match: the same error as a missing file.
            }
            catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException)
            {
                error = HostsErrors.InvalidPath(path, e.Message, e);
            }

            if (error is null && (matches is null || matches.Count == 0))
            {
                error = HostsErrors.FileNotFound(path);
            }

            if (error is not null)
            {
                writeError(error);
                continue;
            }

            foreach (var match in matches!)
            {
                yield return match;
            }
        }
    }

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

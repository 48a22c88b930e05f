using System;
using System.Runtime.InteropServices;

namespace LoopbackTools.Hosts;

/// <summary>Where each OS keeps its hosts file.</summary>
public static class HostsPaths
{
    /// <summary>The hosts file of the OS this runs on.</summary>
    public static string Default
    {
        get
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return ForPlatform(OSPlatform.Windows, Environment.GetEnvironmentVariable("SystemRoot") ?? Environment.GetFolderPath(Environment.SpecialFolder.Windows));
            }

            return ForPlatform(RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX : OSPlatform.Linux, null);
        }
    }

    /// <summary>The hosts file of <paramref name="platform"/>; <paramref name="windowsRoot"/> is %SystemRoot% (used on Windows only).</summary>
    public static string ForPlatform(OSPlatform platform, string? windowsRoot)
    {
        if (platform == OSPlatform.Windows)
        {
            var root = string.IsNullOrEmpty(windowsRoot) ? @"C:\Windows" : windowsRoot!.TrimEnd('\\', '/');
            return root + @"\System32\drivers\etc\hosts";
        }

        // On macOS /etc is a symlink to /private/etc; the real path keeps messages unambiguous.
        return platform == OSPlatform.OSX ? "/private/etc/hosts" : "/etc/hosts";
    }
}

using System;
using System.Runtime.InteropServices;
using Microsoft.Win32;

namespace LoopbackTools.Proxy;

/// <summary>Reads the current user's WinINET proxy values on Windows; elsewhere there are none.</summary>
internal static class WinInetRegistry
{
    private const string Key = @"Software\Microsoft\Windows\CurrentVersion\Internet Settings";

    public static WinInetProxySettings? Read()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        try
        {
            using var key = Registry.CurrentUser.OpenSubKey(Key);
            if (key is null)
            {
                return null;
            }

            return new WinInetProxySettings(key.GetValue("ProxyEnable") as int?, key.GetValue("ProxyServer") as string, key.GetValue("ProxyOverride") as string);
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or System.IO.IOException)
        {
            return null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LoopbackTools.Trust;

/// <summary>Reads the keychains and trust settings through <c>/usr/bin/security</c> on macOS (each run with a deadline).</summary>
internal static class MacKeychains
{
    public const string Security = "/usr/bin/security";

    public const string AppleRoots = "/System/Library/Keychains/SystemRootCertificates.keychain";

    public const string SystemKeychain = "/Library/Keychains/System.keychain";

    public static string LoginKeychain(string home) => Path.Combine(home, "Library", "Keychains", "login.keychain-db");

    /// <summary>The live keychains and settings; null off macOS.</summary>
    public static MacKeychainSnapshot? Read(TrustEnvironment environment)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return null;
        }

        var keychains = new[] { AppleRoots, SystemKeychain, LoginKeychain(environment.Home) }
            .Select(k => File.Exists(k) ? Find(k) : (k, string.Empty, "does not exist"))
            .ToArray();
        try
        {
            return new MacKeychainSnapshot(keychains, Export("-d"), Export(null));
        }
        catch (IOException e)
        {
            return new MacKeychainSnapshot(keychains, string.Empty, string.Empty, e.Message);
        }
    }

    private static (string, string, string) Find(string keychain)
    {
        try
        {
            return (keychain, NssDatabase.Run(Security, "find-certificate", "-a", "-p", keychain), string.Empty);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            return (keychain, string.Empty, e.Message);
        }
    }

    /// <summary>One domain's settings as plist XML; empty when the domain has none (security then fails saying so).</summary>
    private static string Export(string? domain)
    {
        var file = Path.Combine(Path.GetTempPath(), "lbt-trust-" + Guid.NewGuid().ToString("N") + ".plist");
        try
        {
            NssDatabase.Run(Security, domain is null ? new[] { "trust-settings-export", file } : new[] { "trust-settings-export", domain, file });
            return File.ReadAllText(file);
        }
        catch (IOException e) when (e.Message.IndexOf("No Trust Settings", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return string.Empty;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

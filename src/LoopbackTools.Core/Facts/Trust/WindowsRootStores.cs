using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Win32;

namespace LoopbackTools.Trust;

/// <summary>
/// The registry stores behind Windows' logical Root store: what CurrentUser\Root shows is the user's own key plus the
/// machine's (LocalMachine\Root), the automatically updated third-party roots (AuthRoot) and the Group Policy copies,
/// so a CA in any of them anchors a chain for the user's programs.
/// </summary>
internal static class WindowsRootStores
{
    /// <summary>Each store's key and the name a user knows it by (certlm.msc / certmgr.msc, Cert:\ drive).</summary>
    public static readonly (string Key, string Known)[] Stores =
    {
        (@"HKCU\SOFTWARE\Microsoft\SystemCertificates\Root", @"Cert:\CurrentUser\Root"),
        (@"HKLM\SOFTWARE\Microsoft\SystemCertificates\ROOT", @"Cert:\LocalMachine\Root"),
        (@"HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot", @"Cert:\LocalMachine\AuthRoot"),
        (@"HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\Root", "the machine's Group Policy roots"),
        (@"HKCU\SOFTWARE\Policies\Microsoft\SystemCertificates\Root", "the user's Group Policy roots"),
    };

    /// <summary>The stores from the live registry; on other systems, none.</summary>
    public static IReadOnlyList<RegistryCertificateStore> ReadRegistry()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return Array.Empty<RegistryCertificateStore>();
        }

        return Stores.Select(s => ReadKey(s.Key)).ToArray();
    }

    /// <summary>One store's certificates as a trust source named by where it was read; a damaged blob is skipped, as CryptoAPI skips it.</summary>
    public static TrustSource ToSource(RegistryCertificateStore store)
    {
        var known = Stores.FirstOrDefault(s => string.Equals(s.Key, store.Key, StringComparison.OrdinalIgnoreCase)).Known;
        var where = known is null ? store.Key : $"{known} ({store.Key})";
        if (store.Unreadable.Length > 0)
        {
            return new TrustSource(where, Array.Empty<X509Certificate2>(), store.Unreadable);
        }

        var certificates = new List<X509Certificate2>();
        foreach (var blob in store.Blobs)
        {
            try
            {
                certificates.Add(SerializedCertificate.Parse(blob));
            }
            catch (InvalidDataException)
            {
                // a damaged entry: the chain engine cannot use it either
            }
        }

        return new TrustSource(where, certificates.ToArray());
    }

    private static RegistryCertificateStore ReadKey(string key)
    {
        var hive = key.StartsWith("HKCU", StringComparison.Ordinal) ? Registry.CurrentUser : Registry.LocalMachine;
        try
        {
            using var certificates = hive.OpenSubKey(key.Substring(5) + @"\Certificates");
            if (certificates is null)
            {
                return new RegistryCertificateStore(key, Array.Empty<byte[]>(), "does not exist");
            }

            var blobs = new List<byte[]>();
            foreach (var name in certificates.GetSubKeyNames())
            {
                using var entry = certificates.OpenSubKey(name);
                if (entry?.GetValue("Blob") is byte[] blob)
                {
                    blobs.Add(blob);
                }
            }

            return new RegistryCertificateStore(key, blobs);
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return new RegistryCertificateStore(key, Array.Empty<byte[]>(), e.Message);
        }
    }
}

using System.Collections.Generic;

namespace LoopbackTools.Trust;

/// <summary>
/// What <c>/usr/bin/security</c> reports: each keychain's certificates (<c>find-certificate -a -p</c>, PEM blocks) and
/// the admin and user trust settings (<c>trust-settings-export -d</c> and without -d, plist XML; empty when the domain
/// has none). Read live on macOS by <see cref="MacKeychains.Read"/>; laid out from the tests' certificates here.
/// </summary>
internal sealed class MacKeychainSnapshot
{
    public MacKeychainSnapshot(IReadOnlyList<(string Keychain, string Pem, string Unreadable)> keychains, string adminSettings, string userSettings, string settingsUnreadable = "")
    {
        Keychains = keychains;
        AdminSettings = adminSettings ?? string.Empty;
        UserSettings = userSettings ?? string.Empty;
        SettingsUnreadable = settingsUnreadable ?? string.Empty;
    }

    /// <summary>The keychain's path, its certificates as PEM, why it could not be read (empty when read).</summary>
    public IReadOnlyList<(string Keychain, string Pem, string Unreadable)> Keychains { get; }

    public string AdminSettings { get; }

    public string UserSettings { get; }

    /// <summary>Why the trust settings could not be exported; empty when they were (or a domain simply has none).</summary>
    public string SettingsUnreadable { get; }
}

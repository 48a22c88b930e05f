using System;
using System.Net.Sockets;
using LoopbackTools.Addressing;

namespace LoopbackTools;

/// <summary>One address line of a hosts file (or a commented-out one), as Get-HostsEntry emits it.</summary>
public sealed class HostsEntry
{
    public HostsEntry(string address, string hostName, string[] aliases, string comment, bool enabled, int lineNumber, string path, AddressFamily addressFamily, AddressScope scope, string? managedBy = null)
    {
        ManagedBy = managedBy;
        IPAddress = address ?? throw new ArgumentNullException(nameof(address));
        HostName = hostName ?? throw new ArgumentNullException(nameof(hostName));
        Aliases = aliases ?? throw new ArgumentNullException(nameof(aliases));
        Comment = comment ?? string.Empty;
        Enabled = enabled;
        LineNumber = lineNumber;
        Path = path ?? string.Empty;
        AddressFamily = addressFamily;
        Scope = scope;
    }

    /// <summary>The address as written in the file, zone included (<c>fe80::1%lo0</c>). Not "Address": System.Array has an Address method, which would shadow <c>(Get-HostsEntry).IPAddress</c>.</summary>
    public string IPAddress { get; }

    /// <summary>The first name on the line: the canonical name.</summary>
    public string HostName { get; }

    /// <summary>
    /// <see cref="HostName"/> with its punycode labels decoded (<c>xn--bcher-kva.test</c> reads <c>bücher.test</c>);
    /// the same as HostName when it has none. The file holds the punycode form: that is what resolvers are asked.
    /// </summary>
    public string UnicodeHostName => Formatting.InternationalName.ToUnicode(HostName);

    /// <summary>The names after the first.</summary>
    public string[] Aliases { get; }

    /// <summary>The inline comment after <c>#</c>, trimmed; empty when there is none.</summary>
    public string Comment { get; }

    /// <summary>False for a commented-out entry such as <c># 127.0.0.1 old.test</c>.</summary>
    public bool Enabled { get; }

    /// <summary>1-based line number in <see cref="Path"/>.</summary>
    public int LineNumber { get; }

    public string Path { get; }

    public AddressFamily AddressFamily { get; }

    public AddressScope Scope { get; }

    /// <summary>
    /// The program that rewrites this line, so a hand edit will not last: <c>WSL</c> (a distribution's generated
    /// /etc/hosts), <c>DockerDesktop</c> (its "# Added by Docker Desktop" section); null when none is known.
    /// </summary>
    public string? ManagedBy { get; }

    public bool IsLoopback => Scope == AddressScope.Loopback;

    public bool IsUnspecified => Scope == AddressScope.Unspecified;

    public override string ToString() => (Enabled ? string.Empty : "# ") + IPAddress + " " + HostName + (Aliases.Length == 0 ? string.Empty : " " + string.Join(" ", Aliases));
}

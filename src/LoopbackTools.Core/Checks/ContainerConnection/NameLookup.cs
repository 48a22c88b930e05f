using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using LoopbackTools.Addressing;
using LoopbackTools.Containers;
using LoopbackTools.Dns;
using LoopbackTools.Hosts;
using LoopbackTools.Resolution;

namespace LoopbackTools.ContainerConnection;

/// <summary>
/// How a name resolves inside a container, found as its C library would: the container's own hosts file first
/// (read through /proc/PID/root), then a real DNS question to its resolv.conf's nameserver, asked from inside its
/// network namespace. Only a loopback nameserver (Docker's embedded 127.0.0.11) or a gateway the engine reports is
/// asked: a resolver beyond the container's own networks is named, not contacted.
/// </summary>
internal sealed class NameLookup
{
    private NameLookup(string name, IPAddress[] addresses, string source, string[] evidence, bool dnsAsked, string failure, IReadOnlyList<Diagnostics.LoopbackToolsException> unread)
    {
        Name = name;
        Addresses = addresses;
        Source = source;
        Evidence = evidence;
        DnsAsked = dnsAsked;
        Failure = failure;
        Unread = unread;
    }

    public string Name { get; }

    /// <summary>In the order the resolver returns them; empty when the name does not resolve (or was not asked).</summary>
    public IPAddress[] Addresses { get; }

    /// <summary>"the hosts file", "DNS 127.0.0.11", "the address itself".</summary>
    public string Source { get; }

    public string[] Evidence { get; }

    /// <summary>A nameserver of the container was asked (so "does not resolve" is an answer, not a guess).</summary>
    public bool DnsAsked { get; }

    /// <summary>Why nothing resolved: the DNS outcome, or why no server was asked; empty when resolved.</summary>
    public string Failure { get; }

    /// <summary>Why a file of the container was not read (one per distinct failure): the cmdlet writes each as an error.</summary>
    public IReadOnlyList<Diagnostics.LoopbackToolsException> Unread { get; }

    public bool Resolved => Addresses.Length > 0;

    public static NameLookup Run(ContainerSide container, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(name, out var literal))
        {
            return new NameLookup(name, new[] { literal }, "the address itself", new[] { $"{name} is an address: nothing to resolve" }, false, string.Empty, Array.Empty<Diagnostics.LoopbackToolsException>());
        }

        // Read through /proc/PID/root without leaving the container's root, after checking the pid is the container's.
        var evidence = new List<string>();
        var unread = new List<Diagnostics.LoopbackToolsException>();
        try
        {
            var document = HostsDocument.Parse(ContainerRootFile.Read(container.Pid, container.Id, "/etc/hosts"), "/etc/hosts");
            var lines = HostsDocumentReader.Find(document, name);
            if (lines.Count > 0)
            {
                evidence.AddRange(lines.Select(l => $"/etc/hosts line {l.LineNumber}: {l.AddressText} {name}"));
                return new NameLookup(name, lines.Select(l => l.Address).Distinct().ToArray(), "the hosts file", evidence.ToArray(), false, string.Empty, unread);
            }

            evidence.Add($"/etc/hosts: no line for {name}");
        }
        catch (Diagnostics.LoopbackToolsException e)
        {
            evidence.Add($"/etc/hosts cannot be read ({e.ErrorId}): {e.Message}");
            unread.Add(e);
        }

        IReadOnlyList<IPAddress> servers;
        try
        {
            servers = ResolvConf.ParseNameServers(System.Text.Encoding.UTF8.GetString(ContainerRootFile.Read(container.Pid, container.Id, "/etc/resolv.conf")));
        }
        catch (Diagnostics.LoopbackToolsException e)
        {
            evidence.Add($"/etc/resolv.conf cannot be read ({e.ErrorId}): {e.Message}");
            // A wrong pid or a container gone fails both reads alike: one error for it, not two.
            if (!unread.Any(u => u.ErrorId == e.ErrorId && u.Message == e.Message))
            {
                unread.Add(e);
            }

            return new NameLookup(name, Array.Empty<IPAddress>(), string.Empty, evidence.ToArray(), false, "its resolv.conf cannot be read", unread);
        }

        var gateways = container.Gateways.ToArray();
        var askable = servers.FirstOrDefault(s => AddressClassifier.IsLoopback(s) || gateways.Contains(s.ToString()));
        foreach (var other in servers.Where(s => !s.Equals(askable)))
        {
            evidence.Add($"nameserver {other}: not asked (outside the container's own networks)");
        }

        if (askable is null)
        {
            var why = servers.Count == 0 ? "its resolv.conf names no nameserver" : $"its nameserver {servers[0]} is the host's resolver, not the engine's: no container name is known there";
            return new NameLookup(name, Array.Empty<IPAddress>(), string.Empty, evidence.ToArray(), false, why, unread);
        }

        var results = NamespaceProbe.Query(container.Pid, askable, name, timeout, cancellationToken);
        evidence.AddRange(results.Select(r => $"DNS {askable} {r.Type}: {Shown(r)}"));
        var addresses = results.Where(r => r.Answered).SelectMany(r => r.Addresses).Distinct().ToArray();
        var failure = addresses.Length > 0 ? string.Empty : $"{askable} answers " + string.Join("; ", results.Select(Shown).Distinct());
        return new NameLookup(name, addresses, "DNS " + askable, evidence.ToArray(), true, failure, unread);
    }

    private static string Shown(DnsQueryResult result) => result.Outcome switch
    {
        DnsQueryOutcome.Answered when result.Addresses.Length > 0 => string.Join(", ", result.Addresses.Select(a => a.ToString())),
        DnsQueryOutcome.Answered => result.Rcode is { } code && code != DnsResponseCode.NoError ? code.ToString() : "no address",
        _ => result.Reason,
    };
}

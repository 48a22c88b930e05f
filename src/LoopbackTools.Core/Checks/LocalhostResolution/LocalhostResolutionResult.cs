using System;
using System.Globalization;
using System.Net;
using LoopbackTools.Addressing;

namespace LoopbackTools;

/// <summary>
/// One row of Test-LocalhostResolution: what one layer answered for one name, or (Layer Port) what a TCP connection
/// to one of its addresses got. One type for both, so a call renders as one view (PowerShell lists a second type).
/// </summary>
public sealed class LocalhostResolutionResult
{
    /// <summary>A layer row (HostsFile, OsResolver, DnsServer).</summary>
    public LocalhostResolutionResult(string name, ResolutionLayer layer, string server, string[] addresses, bool allLoopback, string responseCode, ResolutionStatus status, string finding, string? source = null, string[]? chain = null)
    {
        Source = source ?? string.Empty;
        Chain = chain ?? Array.Empty<string>();
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Layer = layer;
        Server = server ?? string.Empty;
        Addresses = addresses ?? throw new ArgumentNullException(nameof(addresses));
        FirstAddress = addresses.Length == 0 ? string.Empty : addresses[0];
        AllLoopback = allLoopback;
        ResponseCode = responseCode ?? string.Empty;
        Status = status;
        Finding = finding ?? string.Empty;
        ListenerAddress = string.Empty;
        ListenerProcess = string.Empty;
    }

    /// <summary>A port row (Layer Port): one cell of the resolve-by-listen matrix.</summary>
    public LocalhostResolutionResult(string name, IPAddress address, int port, int resolvedOrder, ConnectOutcome outcome, string listenerAddress, string listenerProcess, ResolutionStatus status, string finding)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        Name = name ?? throw new ArgumentNullException(nameof(name));
        Source = string.Empty;
        Chain = Array.Empty<string>();
        Layer = ResolutionLayer.Port;
        Server = new IPEndPoint(address, port).ToString();
        Addresses = new[] { address.ToString() };
        FirstAddress = Addresses[0];
        AllLoopback = AddressClassifier.IsLoopback(address);
        ResponseCode = string.Empty;
        Status = status;
        Finding = finding ?? string.Empty;
        Port = port;
        ResolvedOrder = resolvedOrder;
        Outcome = outcome;
        ListenerAddress = listenerAddress ?? string.Empty;
        ListenerProcess = listenerProcess ?? string.Empty;
    }

    public string Name { get; }

    public ResolutionLayer Layer { get; }

    /// <summary>What was asked: the DNS server (<c>127.0.0.1:53</c>, <c>[::1]:53</c>), the hosts file, <c>system resolver</c>, or (Port) the endpoint connected to (<c>127.0.0.1:3000</c>).</summary>
    public string Server { get; }

    /// <summary>Addresses in the order the layer gave them (DNS: A answers, then AAAA); Port: the one address connected to.</summary>
    public string[] Addresses { get; }

    /// <summary>The address a client trying only the first one would use; empty when there is none.</summary>
    public string FirstAddress { get; }

    /// <summary>True when there is at least one address and every one is loopback.</summary>
    public bool AllLoopback { get; }

    /// <summary>DNS layer only: the RCODE(s), for example <c>NoError</c> or <c>A NoError, AAAA NXDomain</c>.</summary>
    public string ResponseCode { get; }

    /// <summary>
    /// OsResolver rows: the source that answered, as the platform names it: on Linux the nsswitch.conf module
    /// (<c>files</c>, <c>myhostname</c>, <c>resolve</c>, <c>dns</c>, <c>mdns4_minimal</c>) or <c>systemd-resolved stub</c> for dns
    /// to 127.0.0.53; on Windows <c>Windows resolver</c>, <c>hosts file</c> or <c>DNS</c>; on macOS <c>hosts file</c>, <c>DNS</c>
    /// or <c>mDNS</c>. Empty when nothing answered, when the source cannot be named, and on other rows.
    /// </summary>
    public string Source { get; }

    /// <summary>OsResolver rows: the sources in the order the OS asks them (Linux: the nsswitch.conf hosts line, actions included, such as <c>resolve [!UNAVAIL=return]</c>); empty on other rows.</summary>
    public string[] Chain { get; }

    public ResolutionStatus Status { get; }

    /// <summary>One sentence a person can act on.</summary>
    public string Finding { get; }

    /// <summary>Port rows: the TCP port connected to; 0 on layer rows.</summary>
    public int Port { get; }

    /// <summary>Port rows: 1 for the first address the OS resolver returned, 2 for the next...; 0 for 127.0.0.1 or ::1 checked although the name did not resolve to it, and on layer rows.</summary>
    public int ResolvedOrder { get; }

    /// <summary>Port rows: what the connection got; null on layer rows.</summary>
    public ConnectOutcome? Outcome { get; }

    /// <summary>Port rows: where the listener that serves this address is bound (<c>127.0.0.1</c>, <c>0.0.0.0</c>, <c>::</c>); <c>unknown</c> when the listener table could not be read; empty when nothing listens.</summary>
    public string ListenerAddress { get; }

    /// <summary>Port rows: the listening process as <c>name (pid)</c>, when known.</summary>
    public string ListenerProcess { get; }

    public override string ToString() => Layer == ResolutionLayer.Port
        ? string.Format(CultureInfo.InvariantCulture, "Port {0} {1} {2}: {3} - {4}", Name, Server, Outcome, Status, Finding)
        : $"{Layer} {Name}: {Status} - {Finding}";
}

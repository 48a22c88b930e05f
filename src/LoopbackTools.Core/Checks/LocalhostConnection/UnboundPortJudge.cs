using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LoopbackTools.Binding;

namespace LoopbackTools.Connection;

/// <summary>
/// The Bind step when nothing listens: may a server bind the port here? Names what stops it (the Linux sysctl of
/// this network namespace, a connection holding the port, a Windows excluded range) with its value and the fix.
/// </summary>
internal static class UnboundPortJudge
{
    public static StepVerdict Judge(int port, PortBindFacts? facts)
    {
        if (facts is null)
        {
            return StepVerdict.Skipped($"nothing listens on port {port} in this namespace, so there is no bind address to judge");
        }

        var evidence = Evidence(port, facts).ToArray();
        var traps = Traps(port, facts).ToArray();
        if (traps.Length == 0)
        {
            return StepVerdict.Pass($"nothing listens on port {port} yet, and nothing here keeps a server from binding it", evidence);
        }

        return StepVerdict.Warn(string.Join("; also ", traps), evidence);
    }

    private static IEnumerable<string> Traps(int port, PortBindFacts facts)
    {
        var sysctls = facts.Sysctls;
        if (sysctls?.UnprivilegedPortStart is int start && port < start)
        {
            yield return $"port {port} is below net.ipv4.ip_unprivileged_port_start={start} in this network namespace: a server not running as root gets 'permission denied' - run 'sysctl -w net.ipv4.ip_unprivileged_port_start={port}', or give the server cap_net_bind_service";
        }

        if (facts.Held is { Count: > 0 } held)
        {
            var shown = held[0] + (held.Count > 1 ? string.Format(CultureInfo.InvariantCulture, " and {0} more", held.Count - 1) : string.Empty);
            var ephemeral = sysctls?.LocalPortRange is PortRange range && range.Contains(port) && !sysctls.IsReserved(port)
                ? $", and keep outgoing connections off it: sysctl -w net.ipv4.ip_local_reserved_ports={port}"
                : string.Empty;
            yield return held.All(h => h.State == "TIME-WAIT")
                ? $"local port {port} is held by a closed connection ({shown}): a server without SO_REUSEADDR gets 'address already in use' for about 60 s - set SO_REUSEADDR in the server, or wait{ephemeral}"
                : $"local port {port} is held by {(held.Count == 1 ? "a connection" : "connections")} ({shown}): a server's bind gets 'address already in use' - close the client that holds it{ephemeral}";
        }

        if (facts.Windows?.ExcludedRangeOf(port) is PortRange excluded)
        {
            var administered = facts.Windows.Administered.Any(r => r.First == excluded.First && r.Last == excluded.Last);
            yield return administered
                ? $"port {port} lies in the excluded port range {excluded}, which an administrator added: a bind fails with 'access forbidden' although nothing listens - remove it: netsh int ipv4 delete excludedportrange protocol=tcp startport={excluded.First} numberofports={excluded.Last - excluded.First + 1}"
                : $"port {port} lies in the excluded port range {excluded} (reserved by Hyper-V or WinNAT): a bind fails with 'access forbidden' although nothing listens - use a port outside it, or claim it first: net stop winnat, netsh int ipv4 add excludedportrange protocol=tcp startport={port} numberofports=1, net start winnat";
        }
    }

    private static IEnumerable<string> Evidence(int port, PortBindFacts facts)
    {
        if (facts.Sysctls is { } sysctls)
        {
            yield return "net.ipv4.ip_unprivileged_port_start = " + (sysctls.UnprivilegedPortStart?.ToString(CultureInfo.InvariantCulture) ?? "unreadable");
            if (sysctls.LocalPortRange is PortRange range)
            {
                yield return $"net.ipv4.ip_local_port_range = {range.First} {range.Last}" + (range.Contains(port) && !sysctls.IsReserved(port) ? $" (port {port} inside: an outgoing connection may take it)" : string.Empty);
            }

            yield return "net.ipv4.ip_local_reserved_ports = " + (sysctls.ReservedText.Length == 0 ? "(none)" : sysctls.ReservedText);
        }

        if (facts.Held is { } held)
        {
            foreach (var socket in held)
            {
                yield return $"holds local port {port}: {socket}";
            }
        }

        if (facts.Windows is { } windows)
        {
            yield return "excluded port ranges (tcp): " + (windows.Excluded.Count == 0 ? "(none)" : string.Join(", ", windows.Excluded.Select(r => r + (windows.Administered.Contains(r) ? "*" : string.Empty))));
            if (windows.DynamicRange is PortRange dynamic)
            {
                yield return $"dynamic port range (tcp): {dynamic}" + (dynamic.Contains(port) ? $" (port {port} inside: an outgoing connection may take it)" : string.Empty);
            }
        }
    }
}

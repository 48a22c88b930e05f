using System;
using System.Collections.Generic;
using System.Globalization;

namespace LoopbackTools.Connection;

/// <summary>
/// Which piped rows Test-LocalhostConnection checks (docs/decisions.md 108): one checklist per distinct TCP port of
/// the stream. A listener table holds a row per socket (TCP and UDP on 53, sshd on 0.0.0.0 and ::), but the checklist
/// is about the port, so a port already checked is not checked again, and a UDP row (no connection to test) is skipped.
/// Each skip has its reason, for one verbose line.
/// </summary>
public sealed class PipedPorts
{
    private readonly HashSet<int> _checked = new();

    /// <summary>True when the row should be checked; otherwise <paramref name="skipped"/> says why not.</summary>
    /// <param name="protocol">The row's Protocol (a listener's Tcp/Udp, a container port's tcp/udp); null or empty for a typed port.</param>
    public bool Admit(int port, string? protocol, out string skipped)
    {
        var shown = port.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(protocol) && !string.Equals(protocol, "tcp", StringComparison.OrdinalIgnoreCase))
        {
            skipped = $"Port {shown} ({protocol!.ToUpperInvariant()}) skipped: the checklist tests TCP connections, and a {protocol.ToUpperInvariant()} socket takes none.";
            return false;
        }

        if (!_checked.Add(port))
        {
            skipped = $"Port {shown} skipped: already checked in this pipeline (one checklist per port, not per socket).";
            return false;
        }

        skipped = string.Empty;
        return true;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;

namespace LoopbackTools.Connection;

/// <summary>
/// The loopback interface of this network namespace as measured (up or down, its addresses) and, on Linux, the
/// sysctls that take ::1 away: what explains a connection to 127.0.0.1 or ::1 that fails with no listener at fault.
/// </summary>
internal sealed class LoopbackState
{
    private const string SysctlFolder = "/proc/sys/net/ipv6/conf/";

    private LoopbackState(LoopbackInterface? loopback, IReadOnlyDictionary<string, string> ipv6Sysctls, bool ipv6InKernel, string failure)
    {
        Interface = loopback;
        Ipv6Sysctls = ipv6Sysctls;
        Ipv6InKernel = ipv6InKernel;
        Failure = failure;
    }

    /// <summary>The loopback interface (lo on Linux); null when it could not be read.</summary>
    public LoopbackInterface? Interface { get; }

    /// <summary>net.ipv6.conf.{all,lo}.disable_ipv6 as read; empty where the OS has none.</summary>
    public IReadOnlyDictionary<string, string> Ipv6Sysctls { get; }

    /// <summary>False when Linux booted without IPv6 (ipv6.disable=1: no /proc/sys/net/ipv6 at all).</summary>
    public bool Ipv6InKernel { get; }

    public string Failure { get; }

    public static LoopbackState Read(CancellationToken cancellationToken)
    {
        LoopbackInterface? loopback = null;
        var failure = string.Empty;
        try
        {
            var found = LoopbackInterfaceReader.Read(null, cancellationToken);
            loopback = found.FirstOrDefault(l => l.Name == "lo") ?? found.FirstOrDefault();
        }
        catch (LoopbackToolsException e)
        {
            failure = e.FullMessage;
        }

        var sysctls = new Dictionary<string, string>(StringComparer.Ordinal);
        var inKernel = true;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            inKernel = Directory.Exists(SysctlFolder);
            foreach (var scope in new[] { "all", "lo" })
            {
                try
                {
                    sysctls[$"net.ipv6.conf.{scope}.disable_ipv6"] = File.ReadAllText(SysctlFolder + scope + "/disable_ipv6").Trim();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // absent without IPv6 in the kernel: Ipv6InKernel says so
                }
            }
        }

        return new LoopbackState(loopback, sysctls, inKernel, failure);
    }

    public bool IsDown => Interface is { IsUp: false };

    /// <summary>::1 was measured absent from the loopback interface (not merely unknown).</summary>
    public bool LacksIPv6Loopback => Interface is { IsUp: true, HasIPv6Loopback: false } || !Ipv6InKernel;

    /// <summary>Why ::1 is missing and the command that brings it back, from what was read.</summary>
    public string Ipv6Cause
    {
        get
        {
            if (!Ipv6InKernel)
            {
                return "the kernel runs without IPv6 (ipv6.disable=1 on its command line) - remove that boot option, or connect to 127.0.0.1";
            }

            var disabled = Ipv6Sysctls.Where(s => s.Value == "1").Select(s => s.Key).ToArray();
            if (disabled.Length > 0)
            {
                var fix = string.Join("; ", disabled.Select(k => $"sysctl -w {k}=0"));
                return $"IPv6 is disabled on it ({string.Join(", ", disabled.Select(k => k + " = 1"))}) - run '{fix}', or connect to 127.0.0.1";
            }

            return $"it was removed from {Interface?.Name ?? "lo"} - run 'ip -6 addr add ::1/128 dev {Interface?.Name ?? "lo"}', or connect to 127.0.0.1";
        }
    }

    /// <summary>The measured reason a connection to <paramref name="target"/> cannot work here; null when the interface explains nothing.</summary>
    public string? CauseFor(IPAddress target)
    {
        var name = Interface?.Name ?? "lo";
        if (IsDown && IPAddress.IsLoopback(target))
        {
            return $"the loopback interface {name} is down, so no loopback address works - run 'ip link set {name} up'";
        }

        if (target.Equals(IPAddress.IPv6Loopback) && LacksIPv6Loopback)
        {
            return $"::1 is not on {name}: {Ipv6Cause}";
        }

        return null;
    }

    public IEnumerable<string> Evidence()
    {
        if (Interface is { } lo)
        {
            yield return $"{lo.Name}: {(lo.IsUp ? "up" : "down")}, {(lo.Addresses.Length == 0 ? "no address" : string.Join(" ", lo.Addresses))}";
        }
        else if (Failure.Length > 0)
        {
            yield return "loopback interface unreadable: " + Failure;
        }

        foreach (var sysctl in Ipv6Sysctls)
        {
            yield return string.Format(CultureInfo.InvariantCulture, "{0} = {1}", sysctl.Key, sysctl.Value);
        }
    }
}

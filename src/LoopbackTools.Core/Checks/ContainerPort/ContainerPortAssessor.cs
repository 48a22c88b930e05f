using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using LoopbackTools.Addressing;
using LoopbackTools.Connection;

namespace LoopbackTools.Containers;

/// <summary>
/// Walks the chain running → exposed → published → listening inside → answering on the host, and names
/// the first broken link with its fix. Pure: the facts come in, the verdict goes out.
/// </summary>
internal static class ContainerPortAssessor
{
    /// <summary>Where the app listens, widest scope first, from what the socket reader found.</summary>
    public static (AppBindScope Scope, string Addresses) DescribeBind(InsideListeners? listeners)
    {
        if (listeners is null || !listeners.IsKnown)
        {
            return (AppBindScope.Unknown, string.Empty);
        }

        if (listeners.Addresses.Count == 0)
        {
            return (AppBindScope.NotListening, string.Empty);
        }

        var scopes = listeners.Addresses.Select(AddressClassifier.Classify).ToList();
        var scope = scopes.Contains(AddressScope.Unspecified) ? AppBindScope.AllInterfaces
            : scopes.Contains(AddressScope.Specific) ? AppBindScope.Specific
            : AppBindScope.Loopback;
        return (scope, string.Join(", ", listeners.Addresses.Select(a => a.ToString())));
    }

    /// <summary>The host address a binding is reached at from this machine: 0.0.0.0 via 127.0.0.1, :: via ::1.</summary>
    public static IPAddress? ProbeAddress(string hostIp)
    {
        if (hostIp.Length == 0)
        {
            return IPAddress.Loopback;
        }

        if (!AddressClassifier.TryParse(hostIp, out var address))
        {
            return null;
        }

        if (AddressClassifier.IsUnspecified(address!))
        {
            return address!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        }

        return address;
    }

    /// <summary>"0.0.0.0" for the engine's empty HostIp.</summary>
    public static string ShownHostIp(string hostIp) => hostIp.Length == 0 ? "0.0.0.0" : hostIp;

    /// <summary>The edge: the verdict on Test-ContainerPort's own status scale, for its output row.</summary>
    public static (ContainerPortStatus Status, string Finding) Assess(
        ContainerInspection container, ContainerPortSpec spec, PublishedBinding? binding, InsideListeners? listeners, PortReachability reach, TimeSpan timeout)
    {
        var verdict = Verdict(container, spec, binding, listeners, reach, timeout);
        return (verdict.ToContainerPortStatus(), verdict.Finding);
    }

    /// <summary>The verdict on one binding, with the facts it rests on as evidence (state, where the app listens, the request's outcome).</summary>
    public static StepVerdict Verdict(
        ContainerInspection container, ContainerPortSpec spec, PublishedBinding? binding, InsideListeners? listeners, PortReachability reach, TimeSpan timeout)
    {
        var verdict = Judge(container, spec, binding, listeners, reach, timeout);
        var (scope, addresses) = DescribeBind(listeners);
        var evidence = new[]
        {
            $"container {container.Name}: {container.State}",
            $"inside, port {spec.Port.ToString(CultureInfo.InvariantCulture)}/{spec.Protocol}: {(addresses.Length == 0 ? "no listener seen" : addresses)} ({scope})",
            binding is null ? "not published" : $"a request to {Where(binding)}: {reach}",
        };
        return new StepVerdict(verdict.Status, verdict.Finding, evidence);
    }

    private static StepVerdict Judge(
        ContainerInspection container, ContainerPortSpec spec, PublishedBinding? binding, InsideListeners? listeners, PortReachability reach, TimeSpan timeout)
    {
        if (!container.Running)
        {
            return StepVerdict.Fail($"container is not running ({container.State}): start it with docker start {container.Name}");
        }

        var (scope, addresses) = DescribeBind(listeners);
        var port = spec.Port.ToString(CultureInfo.InvariantCulture);
        var inside = FirstAddress(addresses) + ":" + port;
        var unknownNote = listeners?.UnknownReason is { } why ? "; where the app listens inside is unknown: " + why : string.Empty;
        if (spec.Port == 0)
        {
            return StepVerdict.Warn("the container exposes and publishes no ports: publish one with -p HOSTPORT:PORT, or pass -Port to see where the app listens");
        }

        if (!string.Equals(spec.Protocol, "tcp", StringComparison.Ordinal))
        {
            return binding is null
                ? StepVerdict.Warn($"port {port}/{spec.Protocol} is exposed but not published: add -p {port}:{port}/{spec.Protocol}")
                : StepVerdict.Warn($"published on {Where(binding)}; {spec.Protocol.ToUpperInvariant()} ports are not probed");
        }

        if (binding is null)
        {
            var loopbackNote = scope == AppBindScope.Loopback ? $", and the app listens only on {inside}, the container's own loopback: bind it to 0.0.0.0" : string.Empty;
            if (!spec.Exposed)
            {
                return scope switch
                {
                    AppBindScope.AllInterfaces or AppBindScope.Specific => StepVerdict.Fail($"the app listens on {inside} inside, but port {port} is neither exposed nor published: add -p {port}:{port}"),
                    AppBindScope.NotListening => StepVerdict.Fail($"port {port} is neither exposed nor published, and nothing listens on it inside" + ElsewhereInside(listeners, null)),
                    _ => StepVerdict.Fail($"port {port} is neither exposed nor published: add -p {port}:{port}" + loopbackNote + unknownNote),
                };
            }

            var nothingNote = scope == AppBindScope.NotListening ? ", and nothing listens on it inside yet" : string.Empty;
            return StepVerdict.Warn($"port {port} is exposed but not published: add -p {port}:{port}" + loopbackNote + nothingNote + unknownNote);
        }

        var hostReach = $"(a request to {Where(binding)}: {reach})";
        if (scope == AppBindScope.Loopback)
        {
            return StepVerdict.Fail($"the app listens on {inside}, the container's own loopback: bind it to 0.0.0.0 {hostReach}");
        }

        if (scope == AppBindScope.NotListening && reach != PortReachability.Accepted)
        {
            return listeners is { OtherPorts.Count: > 0 }
                ? StepVerdict.Fail($"nothing listens on port {port} inside the container{ElsewhereInside(listeners, binding)} {hostReach}")
                : StepVerdict.Fail($"nothing listens on port {port} inside the container: start the app, or make it listen on {port} {hostReach}");
        }

        switch (reach)
        {
            case PortReachability.Accepted:
                if (IsUnspecified(binding.HostIp))
                {
                    return StepVerdict.Warn($"published on {Where(binding)}: reachable from the network, and Docker's rules bypass host firewalls (moby/moby#22054); publish on 127.0.0.1 if only this machine needs it" + unknownNote);
                }

                return StepVerdict.Pass($"reachable at {Where(binding)}" + unknownNote);
            case PortReachability.Reset:
            case PortReachability.EmptyReply:
                return StepVerdict.Fail($"{Where(binding)} accepted the connection, then {Describe(reach)}: the engine's proxy cannot reach the app; if it listens only on the container's loopback, bind it to 0.0.0.0" + unknownNote);
            case PortReachability.Refused:
                return StepVerdict.Fail($"{Where(binding)} refused the connection: nothing forwards the host port (with podman, an app bound to the container's loopback looks like this too); restart the container to re-create the forwarding" + unknownNote);
            case PortReachability.TimedOut:
                return StepVerdict.Fail($"no answer from {Where(binding)} within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: the connection was neither refused nor answered; a packet filter and an app that does not answer a plain request look alike from here, and neither was read" + unknownNote);
            default:
                return StepVerdict.Fail($"{Where(binding)} cannot be reached from this machine: the host address is not one of its own" + unknownNote);
        }
    }

    /// <summary>Where the app really listens inside, and the exact -p that publishes it on the same host address and port.</summary>
    private static string ElsewhereInside(InsideListeners? listeners, PublishedBinding? binding)
    {
        if (listeners is not { OtherPorts.Count: > 0 } found)
        {
            return string.Empty;
        }

        var ports = string.Join(", ", found.OtherPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var real = found.OtherPorts[0].ToString(CultureInfo.InvariantCulture);
        var host = binding is null ? real : (binding.HostIp.Length == 0 ? string.Empty : Bracketed(binding.HostIp) + ":") + binding.HostPort.ToString(CultureInfo.InvariantCulture);
        var plural = found.OtherPorts.Count > 1 ? "ports" : "port";
        return $"; the app listens on {plural} {ports} there - publish that port: -p {host}:{real}";
    }

    private static string Bracketed(string ip) => ip.IndexOf(':') >= 0 ? "[" + ip + "]" : ip;

    private static string FirstAddress(string addresses)
    {
        var comma = addresses.IndexOf(',');
        var first = comma < 0 ? addresses : addresses.Substring(0, comma);
        return first.IndexOf(':') >= 0 ? "[" + first + "]" : first;
    }

    private static bool IsUnspecified(string hostIp) => hostIp.Length == 0 || (AddressClassifier.TryParse(hostIp, out var a) && AddressClassifier.IsUnspecified(a!));

    private static string Where(PublishedBinding binding)
    {
        var ip = ShownHostIp(binding.HostIp);
        return (ip.IndexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + binding.HostPort.ToString(CultureInfo.InvariantCulture);
    }

    private static string Describe(PortReachability reach) => reach == PortReachability.Reset ? "reset it" : "closed it without a reply";
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Matching;

namespace LoopbackTools.Connection;

/// <summary>Step 1: what holds the port; when nothing does, the listeners the user probably meant.</summary>
internal static class ListenerStep
{
    private const int HintProcesses = 3;

    /// <summary>A process that holds a host port on behalf of a container engine.</summary>
    public static bool IsEngineProxy(LoopbackListener listener) =>
        Listeners.Owners.EngineProxy.IsProxy(listener.Process);

    public static (IReadOnlyList<LoopbackListener>? Listeners, string Failure) Scan(int port, CancellationToken cancellationToken)
    {
        try
        {
            var scan = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false }, cancellationToken);
            var hidden = scan.UnattributedCount > 0 ? scan.UnattributedReason ?? string.Empty : string.Empty;
            return (scan.Listeners.Where(l => l.Protocol == ListenerProtocol.Tcp && l.Port == port).ToList(), hidden);
        }
        catch (LoopbackToolsException e)
        {
            return (null, e.FullMessage);
        }
    }

    public static StepVerdict Judge(ConnectionFacts facts, string? processName, CancellationToken cancellationToken)
    {
        var port = facts.Port;
        if (facts.Listeners is null)
        {
            return facts.AcceptedAttempts.Any()
                ? StepVerdict.Skipped($"the listener table cannot be read here ({facts.ListenerFailure}), but port {port} accepts connections, so a server is there; its owner is unknown")
                : StepVerdict.Skipped($"the listener table cannot be read here ({facts.ListenerFailure}) - check with the OS's own tool that a server listens on port {port}");
        }

        var listeners = facts.Listeners;
        if (listeners.Count == 0)
        {
            if (facts.AcceptedAttempts.Any())
            {
                return StepVerdict.Warn($"no socket in this network namespace listens on TCP port {port}, yet connections are accepted: a NAT rule or a container engine forwards it to a socket this namespace does not hold");
            }

            if (facts.Elsewhere is { Found.Count: > 0 } sweep)
            {
                return Elsewhere(port, sweep);
            }

            var hints = Hints(processName, cancellationToken);
            var meant = hints.Count == 0 ? string.Empty : "; " + string.Join("; ", hints.Take(HintProcesses).Select(h => h.Sentence));
            var unseen = facts.Elsewhere is { HiddenProcesses: > 0 } blind
                ? $" (other network namespaces unseen: this user may not read the namespace of {blind.HiddenProcesses.ToString(CultureInfo.InvariantCulture)} processes; run as root to look in containers and other namespaces)"
                : string.Empty;
            return StepVerdict.Fail($"nothing listens on TCP port {port}{unseen}{meant} - start the service, or use the port it listens on", hints.Select(h => h.Sentence).ToArray());
        }

        var evidence = listeners.Select(ListenerText.Evidence).ToArray();
        var owners = listeners.Select(ListenerText.Owner).Distinct().ToArray();
        var where = string.Join(", ", listeners.Select(ListenerText.Where).Distinct());
        var holder = string.Join(" and ", owners);
        if (!string.IsNullOrWhiteSpace(processName) && !listeners.Any(l => Matches(l, processName!)))
        {
            return StepVerdict.Fail($"port {port} is held by {holder}, not by {processName}: another program took the port - stop it, or start {processName} on a free port", evidence);
        }

        var full = listeners.Where(ConnectionFacts.QueueFull).ToArray();
        if (full.Length > 0)
        {
            var stuck = full[0];
            return StepVerdict.Fail($"{ListenerText.Owner(stuck)} listens on TCP port {port} at {ListenerText.Where(stuck)} but does not accept connections: its accept queue is full ({ListenerText.Queue(stuck)}), so the kernel drops new ones and clients time out - the server is stuck or overloaded: restart it, or find what blocks its accept loop", evidence);
        }

        if (facts.Forwards.Count > 0)
        {
            var forward = facts.Forwards.FirstOrDefault(f => f.FarEndFails) ?? facts.Forwards[0];
            var sentence = $"{ListenerText.Owner(forward.Listener)} listens on TCP port {port} at {ListenerText.Where(forward.Listener)} and {forward.Sentence}";
            var forwardEvidence = evidence.Concat(facts.Forwards.Select(f => $"{ListenerText.Owner(f.Listener)}: {f.Forward.Tool} to {f.Forward.Target}, a request through it: {f.Far}")).ToArray();
            return forward.FarEndFails
                ? StepVerdict.Fail(sentence, forwardEvidence)
                : forward.Far == PortReachability.Accepted ? StepVerdict.Pass(sentence, forwardEvidence) : StepVerdict.Warn(sentence, forwardEvidence);
        }

        if (listeners.Any(IsEngineProxy))
        {
            return StepVerdict.Pass($"{holder} {(owners.Length > 1 ? "listen" : "listens")} on port {port} at {where} for a container - the Container step checks the container behind it", evidence);
        }

        var hidden = listeners.Any(l => l.ProcessId is null) && facts.ListenerFailure.Length > 0 ? " (" + facts.ListenerFailure + ")" : string.Empty;
        var verb = owners.Length > 1 ? "listen" : "listens";
        return StepVerdict.Pass($"{holder} {verb} on TCP port {port} at {where}{hidden}", evidence);
    }

    /// <summary>The port is served, but in another network namespace: a connection from here never reaches it.</summary>
    private static StepVerdict Elsewhere(int port, OtherNamespaceSweep sweep)
    {
        var first = sweep.Found[0];
        var evidence = sweep.Found.Select(f => $"{ListenerText.Evidence(f.Listener)} in {f.Namespace}").ToArray();
        var fix = first.Listener.Container is { } container
            ? $"publish it (docker run -p 127.0.0.1:{port}:{port} ...; {container} has no such -p), or run the client in that namespace ({first.EnterCommand})"
            : $"run the client in that namespace ({first.EnterCommand}), or forward the port into this one";
        var more = sweep.Found.Count > 1 ? string.Format(CultureInfo.InvariantCulture, " (and {0} more)", sweep.Found.Count - 1) : string.Empty;
        return StepVerdict.Fail($"nothing listens on TCP port {port} in this network namespace, but {ListenerText.Owner(first.Listener)} listens on {ListenerText.Endpoint(first.Listener)} in {first.Namespace}{more}: your localhost is not theirs - {fix}", evidence);
    }

    private static bool Matches(LoopbackListener listener, string processName) =>
        listener.Process is { } name && WildcardPattern.IsMatch(name, processName);

    /// <summary>With -ProcessName, where that process listens; else the listeners of the most recently started processes.</summary>
    private static IReadOnlyList<(DateTime Started, string Sentence)> Hints(string? processName, CancellationToken cancellationToken)
    {
        ListenerScanResult scan;
        try
        {
            var options = new ListenerScanOptions { IncludeUdp = false };
            if (!string.IsNullOrWhiteSpace(processName))
            {
                options.ProcessNames = new[] { processName! };
            }

            scan = ListenerScanner.Scan(options, cancellationToken);
        }
        catch (LoopbackToolsException)
        {
            return Array.Empty<(DateTime, string)>();
        }

        var byProcess = scan.Listeners.Where(l => l.ProcessId is not null).GroupBy(l => l.ProcessId!.Value);
        var hints = byProcess
            .Select(g => (Started: StartTime(g.Key), Sentence: $"{ListenerText.Owner(g.First())} listens on {string.Join(", ", g.Select(ListenerText.Endpoint).Distinct())}"))
            .OrderByDescending(h => h.Started)
            .ToList();
        if (!string.IsNullOrWhiteSpace(processName) && hints.Count == 0)
        {
            hints.Add((DateTime.MaxValue, $"no process named {processName} listens on any TCP port"));
        }

        return hints;
    }

    private static DateTime StartTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return DateTime.MinValue;
        }
    }
}

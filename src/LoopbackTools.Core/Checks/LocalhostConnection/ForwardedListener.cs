using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Containers;
using LoopbackTools.Listeners.Owners;
using LoopbackTools.Sockets;

namespace LoopbackTools.Connection;

/// <summary>
/// A listener that forwards its port elsewhere (ssh -L, socat, kubectl port-forward), with what one connection
/// through it measured (<see cref="ForwarderProbe"/>): a forwarder accepts first and only then connects to its far
/// end, so an accepted connection proves nothing; one it closes before any request means the far end did not take
/// it; one it keeps open until a request means the far end did.
/// </summary>
internal sealed class ForwardedListener
{
    private readonly TimeSpan _timeout;

    private ForwardedListener(LoopbackListener listener, PortForward forward, ProbeResult<ForwardReply> far, TimeSpan timeout)
    {
        _timeout = timeout;
        Listener = listener;
        Forward = forward;
        Far = far.Outcome;
        Reply = far.Outcome == PortReachability.Accepted ? far.Value : null;
    }

    public LoopbackListener Listener { get; }

    public PortForward Forward { get; }

    /// <summary>How the connection through the forwarder ended (TimedOut: open and silent to a request).</summary>
    public PortReachability Far { get; }

    /// <summary>What the far end did, when the connection was made.</summary>
    public ForwardReply? Reply { get; }

    /// <summary>Measured: the forwarder closed the connection before any request (or refused it).</summary>
    public bool FarEndFails => Reply == ForwardReply.ClosedUnasked || Far is PortReachability.Refused or PortReachability.Reset;

    /// <summary>Measured: the far end took the connection (it answered, or kept it open until the request).</summary>
    public bool FarEndTakes => Reply is ForwardReply.Answered or ForwardReply.ClosedAfterRequest;

    /// <summary>For the evidence: what the connection through it got.</summary>
    public string Measured => Reply switch
    {
        ForwardReply.Answered => "answered",
        ForwardReply.ClosedAfterRequest => "kept open, closed after a request",
        ForwardReply.ClosedUnasked => "closed before any request",
        _ => Far == PortReachability.TimedOut ? "kept open, silent to a request" : Far.ToString(),
    };

    /// <summary>How long a connection through a forwarder is watched before the request: the far end's refusal closes it well within this on loopback.</summary>
    public static TimeSpan Settle(TimeSpan timeout) => TimeSpan.FromTicks(Math.Min(timeout.Ticks / 2, TimeSpan.FromSeconds(1).Ticks));

    public static async Task<IReadOnlyList<ForwardedListener>> MeasureAsync(IReadOnlyList<LoopbackListener>? listeners, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = (listeners ?? Array.Empty<LoopbackListener>())
            .Select(l => (Listener: l, Forward: PortForwarders.Find(l.Process, l.CommandLine, l.Port)))
            .Where(f => f.Forward is not null)
            .GroupBy(f => f.Listener.ProcessId)
            .Select(g => g.First())
            .ToArray();
        if (found.Length == 0)
        {
            return Array.Empty<ForwardedListener>();
        }

        var outcomes = await Task.WhenAll(found.Select(f => ForwarderProbe.ProbeAsync(new IPEndPoint(Reach(f.Listener), f.Listener.Port), Settle(timeout), timeout, cancellationToken))).ConfigureAwait(false);
        return found.Select((f, i) => new ForwardedListener(f.Listener, f.Forward!, outcomes[i], timeout)).ToArray();
    }

    /// <summary>The finding's sentence: what it forwards to and what the far end did.</summary>
    public string Sentence
    {
        get
        {
            var head = $"forwards it ({Forward.Tool}) to {Forward.Target} {Forward.FarSide}";
            var tool = Forward.Tool.Split(' ')[0];
            var seconds = _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return Reply switch
            {
                ForwardReply.Answered => $"{head}, which answers",
                ForwardReply.ClosedAfterRequest => $"{head}, which takes the connection ({tool} kept it open until an HTTP request, which the far end closed: not an HTTP server)",
                ForwardReply.ClosedUnasked => $"{head}, but the far end does not take the connection: {tool} closed it without a byte - start the service at {Forward.Target}, or point the forward at the port it listens on",
                _ => Far switch
                {
                    PortReachability.TimedOut => $"{head}, which keeps the connection open but sent nothing to a request within {seconds} s",
                    PortReachability.Reset or PortReachability.Refused => $"{head}, but the far end does not take the connection: {tool} {(Far == PortReachability.Reset ? "reset" : "refused")} it without a byte - start the service at {Forward.Target}, or point the forward at the port it listens on",
                    _ => $"{head}; a connection through it got {Far}",
                },
            };
        }
    }

    private static IPAddress Reach(LoopbackListener listener) =>
        AddressClassifier.TryParse(listener.LocalAddress, out var address) && !AddressClassifier.IsUnspecified(address!)
            ? address!
            : listener.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
}

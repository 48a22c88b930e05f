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

namespace LoopbackTools.Connection;

/// <summary>
/// A listener that forwards its port elsewhere (ssh -L, socat, kubectl port-forward), with what one real request
/// through it got: a forwarder accepts first and only then connects to its far end, so an accepted connection
/// proves nothing; one that closes without a byte means the far end did not take it.
/// </summary>
internal sealed class ForwardedListener
{
    private readonly TimeSpan _timeout;

    private ForwardedListener(LoopbackListener listener, PortForward forward, PortReachability far, TimeSpan timeout)
    {
        _timeout = timeout;
        Listener = listener;
        Forward = forward;
        Far = far;
    }

    public LoopbackListener Listener { get; }

    public PortForward Forward { get; }

    public PortReachability Far { get; }

    public bool FarEndFails => Far is PortReachability.EmptyReply or PortReachability.Reset or PortReachability.Refused;

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

        var outcomes = await Task.WhenAll(found.Select(f => TcpRequestProbe.ProbeAsync(new IPEndPoint(Reach(f.Listener), f.Listener.Port), timeout, cancellationToken))).ConfigureAwait(false);
        return found.Select((f, i) => new ForwardedListener(f.Listener, f.Forward!, outcomes[i], timeout)).ToArray();
    }

    /// <summary>The finding's sentence: what it forwards to and what the far end did.</summary>
    public string Sentence => Far switch
    {
        PortReachability.Accepted => $"forwards it ({Forward.Tool}) to {Forward.Target} {Forward.FarSide}, which answers",
        PortReachability.TimedOut => $"forwards it ({Forward.Tool}) to {Forward.Target} {Forward.FarSide}, which took a request but sent nothing within {_timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        PortReachability.EmptyReply or PortReachability.Reset => $"forwards it ({Forward.Tool}) to {Forward.Target} {Forward.FarSide}, but the far end does not take the connection: {Forward.Tool.Split(' ')[0]} {(Far == PortReachability.Reset ? "reset" : "closed")} it without a byte - start the service at {Forward.Target}, or point the forward at the port it listens on",
        _ => $"forwards it ({Forward.Tool}) to {Forward.Target} {Forward.FarSide}; a request through it got {Far}",
    };

    private static IPAddress Reach(LoopbackListener listener) =>
        AddressClassifier.TryParse(listener.LocalAddress, out var address) && !AddressClassifier.IsUnspecified(address!)
            ? address!
            : listener.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
}

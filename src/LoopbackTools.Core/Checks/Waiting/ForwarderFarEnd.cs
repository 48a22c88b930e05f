using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Owners;
using LoopbackTools.Sockets;

namespace LoopbackTools.Waiting;

/// <summary>
/// Wait-LocalhostConnection through a forwarder (docs/decisions.md 109): an engine's proxy (docker-proxy, gvproxy,
/// rootlessport, slirp4netns), ssh -L, socat or kubectl port-forward accepts before it connects to its far end, so an
/// accepted connection proves nothing there. One connection through it, watched and then sent a request
/// (<see cref="ForwarderProbe"/>), says whether the far end takes it: the wait succeeds only when bytes come back or the
/// far end keeps the connection until the request.
/// </summary>
internal static class ForwarderFarEnd
{
    private static readonly TimeSpan FullSettle = TimeSpan.FromSeconds(2);

    /// <summary>Null when no forwarder serves <paramref name="endpoint"/> (then the accepted connection is the answer); else whether the far end took it, and what happened as a phrase after the address.</summary>
    public static async Task<(bool Ready, string Said)?> ProbeAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (listeners, _) = ListenerStep.Scan(endpoint.Port, cancellationToken);
        var serving = listeners is null ? null : ServingListener.Find(listeners, endpoint.Address, endpoint.Port);
        if (serving is null || !(EngineProxy.IsProxy(serving.Process) || PortForwarders.Find(serving.Process, serving.CommandLine, endpoint.Port) is not null))
        {
            return null;
        }

        // The full settle (1 s) whatever is left of the wait: a shorter one near the deadline would take the close of a
        // far end that refuses slowly for the close of one that took the request.
        var settle = ForwardedListener.Settle(FullSettle);
        var far = await ForwarderProbe.ProbeAsync(endpoint, settle, settle + timeout, cancellationToken).ConfigureAwait(false);
        var who = ListenerText.Owner(serving);
        var reply = far.Outcome == PortReachability.Accepted ? far.Value : (ForwardReply?)null;
        return reply switch
        {
            ForwardReply.Answered => (true, $"accepts, and the far end behind {who} answers"),
            ForwardReply.ClosedAfterRequest => (true, $"accepts, and the far end behind {who} takes the connection"),
            ForwardReply.ClosedUnasked => (false, $"is accepted by {who}, a forwarder, but its far end does not take the connection ({who} closed it before any request)"),
            _ => (false, far.Outcome == PortReachability.TimedOut
                ? $"is accepted by {who}, a forwarder, but nothing came back through it to a request"
                : $"is accepted by {who}, a forwarder, but a connection through it got {far.Outcome}"),
        };
    }
}

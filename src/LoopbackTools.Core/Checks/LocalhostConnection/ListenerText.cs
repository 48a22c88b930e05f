using System.Globalization;
using LoopbackTools.Addressing;

namespace LoopbackTools.Connection;

/// <summary>How a listener is named in findings and evidence.</summary>
internal static class ListenerText
{
    public static string Owner(LoopbackListener listener) => listener.ProcessId is int pid
        ? string.Format(CultureInfo.InvariantCulture, "{0} (pid {1})", listener.Process ?? "a process", pid)
        : "a process whose owner is hidden";

    public static string Endpoint(LoopbackListener listener) => EndpointText.Of(listener.LocalAddress, listener.Port);

    public static string Where(LoopbackListener listener) => EndpointText.Host(listener.LocalAddress);

    /// <summary>The accept queue as ss -ltn shows it (Recv-Q / Send-Q of a LISTEN socket).</summary>
    public static string Queue(LoopbackListener listener) =>
        string.Format(CultureInfo.InvariantCulture, "Recv-Q {0} / backlog {1}", listener.AcceptQueue, listener.AcceptBacklog);

    public static string Evidence(LoopbackListener listener)
    {
        var stack = listener.IsDualStack switch
        {
            true => ", dual-stack",
            false when listener.LocalAddress == "::" => ", IPv6 only",
            _ => string.Empty,
        };
        var queue = listener.AcceptQueue is > 0 ? ", " + Queue(listener) : string.Empty; // a waiting connection is news; an idle queue is not
        return $"{Endpoint(listener)} {Owner(listener)}, {listener.BindScope}{stack}{queue}";
    }
}

using LoopbackTools.Listeners;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>What every listener parser promises about the rows it returns, whatever the bytes were.</summary>
internal static class ListenerChecks
{
    public const string Malformed = "Listeners.MalformedTable";

    public static void Rows(IEnumerable<ListenerSocket> sockets)
    {
        foreach (var socket in sockets)
        {
            FuzzInvariantException.Check(socket.Address is not null, "a listener row has an address");
            FuzzInvariantException.Check(socket.Port is >= 0 and <= 65535, $"port {socket.Port} is within 0..65535");
        }
    }
}

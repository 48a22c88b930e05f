namespace LoopbackTools;

/// <summary>The transport of a listening socket.</summary>
public enum ListenerProtocol
{
    Tcp,
    Udp,
}

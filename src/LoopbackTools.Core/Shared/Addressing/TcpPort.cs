namespace LoopbackTools.Addressing;

/// <summary>
/// The one port-validation rule: a port that can arrive from the pipeline (a listener's Port, a container's HostPort,
/// 0 when unpublished) is checked here, in Core, by the check that uses it, so its error names the port and the
/// remedy and the next piped record goes on; only a port that can be typed and never piped is checked at binding
/// (ValidateRange). docs/decisions.md, "One way to check".
/// </summary>
internal static class TcpPort
{
    public const int Lowest = 1;
    public const int Highest = 65535;

    public static bool IsValid(int port) => port >= Lowest && port <= Highest;
}

using System.Globalization;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Connection;

/// <summary>The stable ErrorIds of Test-LocalhostConnection's bad input; scripts match on these.</summary>
internal static class ConnectionErrors
{
    public const string InvalidPortId = "Connection.InvalidPort";

    public static LoopbackToolsException InvalidPort(int port) => new(
        InvalidPortId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "Port {0} is outside 1-65535, so no connection can be made to it.", port),
        "Give the TCP port the server listens on, between 1 and 65535 (a piped object's Port or HostPort is used; an unpublished container port has HostPort 0).",
        port);
}

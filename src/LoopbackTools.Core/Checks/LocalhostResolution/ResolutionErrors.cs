using System.Globalization;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Resolution;

/// <summary>The resolution checks' failures, each with a stable ErrorId and a remedy.</summary>
internal static class ResolutionErrors
{
    public const string InvalidPortId = "Resolution.InvalidPort";

    public static LoopbackToolsException InvalidPort(int port) => new(
        InvalidPortId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "Port {0} is outside 1-65535.", port),
        "Give a TCP port between 1 and 65535.",
        port);
}

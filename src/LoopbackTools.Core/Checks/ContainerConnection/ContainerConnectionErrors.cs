using System.Globalization;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.ContainerConnection;

/// <summary>
/// Test-ContainerConnection's own failures, each with a stable ErrorId and a remedy. An unknown container, a missing
/// engine and a denied engine socket keep their Docker.* ids (Containers/DockerErrors); a bad port is Connection.InvalidPort.
/// </summary>
internal static class ContainerConnectionErrors
{
    public const string NotRunningId = "ContainerConnection.NotRunning";
    public const string NamespaceDeniedId = "ContainerConnection.NamespaceDenied";
    public const string NotSupportedId = "ContainerConnection.NotSupported";

    public static LoopbackToolsException NotRunning(string container, string state) => new(
        NotRunningId,
        ErrorKind.ResourceUnavailable,
        $"Container '{container}' is {state}, not running: it has no network namespace to connect from.",
        $"Start it (docker start {container}) and run the check again.",
        container);

    public static LoopbackToolsException NamespaceDenied(string container, int pid, string why) => new(
        NamespaceDeniedId,
        ErrorKind.PermissionDenied,
        string.Format(CultureInfo.InvariantCulture, "Cannot enter the network namespace of container '{0}' (process {1}): {2}.", container, pid, why),
        "Run as root (sudo pwsh): entering another process's network namespace needs CAP_SYS_ADMIN. A rootless engine's containers live in that user's namespaces: run the check as that user with the engine's unshare (podman unshare pwsh).",
        container);

    public static LoopbackToolsException NotSupported(string why) => new(
        NotSupportedId,
        ErrorKind.NotImplemented,
        "Test-ContainerConnection cannot connect from inside a container here: " + why + ".",
        "Run it on the Linux host (or VM) where the engine runs its containers.",
        null);
}

using System;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Containers;

/// <summary>The container checks' failures, each with a stable ErrorId (scripts match on these) and a remedy.</summary>
internal static class DockerErrors
{
    public const string EngineUnreachableId = "Docker.EngineUnreachable";
    public const string PermissionDeniedId = "Docker.PermissionDenied";
    public const string ContainerNotFoundId = "Docker.ContainerNotFound";
    public const string InvalidEndpointId = "Docker.InvalidEndpoint";
    public const string RemoteEngineRefusedId = "Docker.RemoteEngineRefused";
    public const string MalformedResponseId = "Docker.MalformedResponse";
    public const string TimeoutId = "Docker.Timeout";
    public const string ApiErrorId = "Docker.ApiError";
    public const string ContainerPidMismatchId = "Docker.ContainerPidMismatch";
    public const string ContainerGoneId = "Docker.ContainerGone";
    public const string ContainerFileUnreadableId = "Docker.ContainerFileUnreadable";

    /// <summary>The engine's pid for the container names another process here (the engine runs in another pid namespace).</summary>
    public static LoopbackToolsException ContainerPidMismatch(string containerId, int pid, string cgroup) => new(
        ContainerPidMismatchId,
        ErrorKind.InvalidOperation,
        $"The engine says container {Short(containerId)} runs as pid {pid}, but that process here is not in the container's cgroup ({cgroup}); its files and namespaces are not entered.",
        "Run the command in the engine's pid namespace (on the engine's host, not in a container that talks to the host's engine socket).",
        containerId);

    public static LoopbackToolsException ContainerGone(string containerId, int pid, string why) => new(
        ContainerGoneId,
        ErrorKind.ObjectNotFound,
        $"Container {Short(containerId)} (pid {pid}) ended while it was being checked: {why}.",
        "Start the container again (docker start) and repeat the check.",
        containerId);

    /// <summary>A file inside the container that is not read: not a regular file, over 1 MiB, missing inside its root.</summary>
    public static LoopbackToolsException ContainerFileUnreadable(string containerId, string pathInContainer, string why) => new(
        ContainerFileUnreadableId,
        ErrorKind.InvalidData,
        $"{pathInContainer} of container {Short(containerId)} is not read: {why}.",
        $"Look at it inside the container: docker exec {Short(containerId)} ls -l {pathInContainer}",
        containerId);

    private static string Short(string id) => id.Length > 12 ? id.Substring(0, 12) : id;

    public static LoopbackToolsException EngineUnreachable(DockerEndpoint endpoint, string why, Exception? inner = null) => new(
        EngineUnreachableId,
        ErrorKind.ConnectionError,
        $"Cannot reach the container engine at {endpoint.Display}: {why}.",
        "Start Docker (or podman's API service: podman system service), or point DOCKER_HOST / -Engine at the engine's socket.",
        endpoint.Display,
        inner);

    public static LoopbackToolsException PermissionDenied(DockerEndpoint endpoint, Exception? inner = null) => new(
        PermissionDeniedId,
        ErrorKind.PermissionDenied,
        $"Permission denied on the container engine's endpoint {endpoint.Display}.",
        "Add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or run the command with sudo / as administrator.",
        endpoint.Display,
        inner);

    public static LoopbackToolsException Timeout(DockerEndpoint endpoint, string what) => new(
        TimeoutId,
        ErrorKind.OperationTimeout,
        $"The container engine at {endpoint.Display} did not answer {what} in time.",
        "Check that the engine is healthy (docker info), or raise -TimeoutSec.",
        endpoint.Display);

    public static LoopbackToolsException Malformed(string why, object? target = null, Exception? inner = null) => new(
        MalformedResponseId,
        ErrorKind.InvalidData,
        "The container engine sent a malformed response: " + why + ".",
        "Make sure the endpoint is a Docker or podman API socket, not another service.",
        target,
        inner);

    public static LoopbackToolsException ContainerNotFound(string nameOrId, string engineMessage) => new(
        ContainerNotFoundId,
        ErrorKind.ObjectNotFound,
        $"No container '{nameOrId}' on this engine" + (engineMessage.Length == 0 ? "." : ": " + engineMessage),
        "List containers with docker ps -a (or Test-ContainerPort -All) and pass a name or id from it.",
        nameOrId);

    public static LoopbackToolsException ApiError(string path, int status, string engineMessage) => new(
        ApiErrorId,
        ErrorKind.InvalidOperation,
        $"The container engine answered {path} with HTTP {status}" + (engineMessage.Length == 0 ? "." : ": " + engineMessage),
        "Check the engine's log; if it says the API version is unsupported, upgrade the engine.",
        path);

    public static LoopbackToolsException InvalidEndpoint(string value, string why) => new(
        InvalidEndpointId,
        ErrorKind.InvalidArgument,
        $"The Docker endpoint '{value}' is malformed: {why}.",
        "Set -Engine or DOCKER_HOST to unix:///var/run/docker.sock, npipe:////./pipe/docker_engine or tcp://127.0.0.1:2375, or unset DOCKER_HOST to use the default.",
        value);

    public static LoopbackToolsException RemoteEngineRefused(string value) => new(
        RemoteEngineRefusedId,
        ErrorKind.InvalidArgument,
        $"The Docker endpoint '{value}' is not on this machine: Test-ContainerPort checks host ports, so it only talks to a local engine (tcp:// only to a loopback address).",
        "Run the check on the engine's own host, or point -Engine at the local socket.",
        value);
}

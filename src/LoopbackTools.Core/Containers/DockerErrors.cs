using System;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Containers;

/// <summary>Builds the container checks' failures, so every message and remedy is worded in one place.</summary>
internal static class DockerErrors
{
    public static LoopbackToolsException EngineUnreachable(DockerEndpoint endpoint, string why, Exception? inner = null) => new(
        DockerErrorIds.EngineUnreachable,
        ErrorKind.ConnectionError,
        $"Cannot reach the container engine at {endpoint.Display}: {why}.",
        "Start Docker (or podman's API service: podman system service), or point DOCKER_HOST / -Engine at the engine's socket.",
        endpoint.Display,
        inner);

    public static LoopbackToolsException PermissionDenied(DockerEndpoint endpoint, Exception? inner = null) => new(
        DockerErrorIds.PermissionDenied,
        ErrorKind.PermissionDenied,
        $"Permission denied on the container engine's endpoint {endpoint.Display}.",
        "Add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or run the command with sudo / as administrator.",
        endpoint.Display,
        inner);

    public static LoopbackToolsException Timeout(DockerEndpoint endpoint, string what) => new(
        DockerErrorIds.Timeout,
        ErrorKind.OperationTimeout,
        $"The container engine at {endpoint.Display} did not answer {what} in time.",
        "Check that the engine is healthy (docker info), or raise -TimeoutSec.",
        endpoint.Display);

    public static LoopbackToolsException Malformed(string why, object? target = null, Exception? inner = null) => new(
        DockerErrorIds.MalformedResponse,
        ErrorKind.InvalidData,
        "The container engine sent a malformed response: " + why + ".",
        "Make sure the endpoint is a Docker or podman API socket, not another service.",
        target,
        inner);

    public static LoopbackToolsException ContainerNotFound(string nameOrId, string engineMessage) => new(
        DockerErrorIds.ContainerNotFound,
        ErrorKind.ObjectNotFound,
        $"No container '{nameOrId}' on this engine" + (engineMessage.Length == 0 ? "." : ": " + engineMessage),
        "List containers with docker ps -a (or Test-ContainerPort -All) and pass a name or id from it.",
        nameOrId);

    public static LoopbackToolsException ApiError(string path, int status, string engineMessage) => new(
        DockerErrorIds.ApiError,
        ErrorKind.InvalidOperation,
        $"The container engine answered {path} with HTTP {status}" + (engineMessage.Length == 0 ? "." : ": " + engineMessage),
        "Check the engine's log; if it says the API version is unsupported, upgrade the engine.",
        path);
}

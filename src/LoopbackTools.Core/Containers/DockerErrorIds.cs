namespace LoopbackTools.Containers;

/// <summary>The stable ErrorIds of the container checks; scripts match on these, so they never change.</summary>
public static class DockerErrorIds
{
    public const string EngineUnreachable = "Docker.EngineUnreachable";
    public const string PermissionDenied = "Docker.PermissionDenied";
    public const string ContainerNotFound = "Docker.ContainerNotFound";
    public const string InvalidEndpoint = "Docker.InvalidEndpoint";
    public const string RemoteEngineRefused = "Docker.RemoteEngineRefused";
    public const string MalformedResponse = "Docker.MalformedResponse";
    public const string Timeout = "Docker.Timeout";
    public const string ApiError = "Docker.ApiError";
}

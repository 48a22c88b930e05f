using LoopbackTools.Containers;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>An Engine API body read as /version, as /containers/json and as a container inspection, as the client does.</summary>
public static class DockerJsonTarget
{
    public static void Run(byte[] data)
    {
        CleanErrors.Allow(
            () =>
            {
                var json = DockerJson.Parse(data, "/fuzz");
                CleanErrors.Allow(() => FuzzInvariantException.Check(DockerJson.ParseVersion(json).PathPrefix is not null, "a version has a path prefix"), DockerErrors.MalformedResponseId);
                CleanErrors.Allow(() => FuzzInvariantException.Check(DockerJson.ParseContainerIds(json).All(id => id.Length > 0), "container ids are not empty"), DockerErrors.MalformedResponseId);
                CleanErrors.Allow(() => Inspection(DockerJson.ParseInspection(json)), DockerErrors.MalformedResponseId);
            },
            DockerErrors.MalformedResponseId);
    }

    private static void Inspection(ContainerInspection inspection)
    {
        foreach (var port in inspection.Ports)
        {
            FuzzInvariantException.Check(port.Port is >= 1 and <= 65535, $"container port {port.Port} is within 1..65535");
            FuzzInvariantException.Check(port.Bindings.All(b => b.HostPort is >= 0 and <= 65535), "host ports are within 0..65535");
        }
    }
}

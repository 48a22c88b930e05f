using System.Collections.Generic;

namespace LoopbackTools.Listeners.Owners;

/// <summary>One entry of the engine's <c>GET /containers/json</c>: its id, name and published host ports.</summary>
internal sealed class RunningContainer
{
    public RunningContainer(string id, string name, IReadOnlyList<(ListenerProtocol Protocol, string HostIp, int HostPort, int ContainerPort)> published)
    {
        Id = id;
        Name = name;
        Published = published;
    }

    public string Id { get; }

    /// <summary>Without the API's leading '/'.</summary>
    public string Name { get; }

    /// <summary>Host bindings; HostIp is "" when the engine did not say (every address); ContainerPort 0 when it did not say.</summary>
    public IReadOnlyList<(ListenerProtocol Protocol, string HostIp, int HostPort, int ContainerPort)> Published { get; }
}

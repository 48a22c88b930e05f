namespace LoopbackTools.Containers;

/// <summary>One host binding of a container port, as in <c>{"HostIp":"127.0.0.1","HostPort":"18080"}</c>.</summary>
public sealed class PublishedBinding
{
    public PublishedBinding(string hostIp, int hostPort)
    {
        HostIp = hostIp;
        HostPort = hostPort;
    }

    /// <summary>The host address as the engine reports it; "" means every IPv4 address (0.0.0.0).</summary>
    public string HostIp { get; }

    /// <summary>0 when the engine has not assigned one yet (a stopped container published with -p 8080).</summary>
    public int HostPort { get; }
}

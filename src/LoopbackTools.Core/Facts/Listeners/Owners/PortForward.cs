namespace LoopbackTools.Listeners.Owners;

/// <summary>Where a forwarding process (ssh -L, socat, kubectl port-forward) sends the connections of one local port.</summary>
internal sealed class PortForward
{
    public PortForward(string tool, string target, string farSide)
    {
        Tool = tool;
        Target = target;
        FarSide = farSide;
    }

    /// <summary>How the forward was made: "ssh -L", "socat", "kubectl port-forward".</summary>
    public string Tool { get; }

    /// <summary>The far end as the tool names it: 127.0.0.1:5432, db:5432, pod/web port 80.</summary>
    public string Target { get; }

    /// <summary>Where the target is reached from: "as seen from the SSH server", "from this machine", "in the cluster".</summary>
    public string FarSide { get; }
}

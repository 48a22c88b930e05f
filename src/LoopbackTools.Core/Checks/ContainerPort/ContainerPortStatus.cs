namespace LoopbackTools;

/// <summary>The verdict on one container port binding.</summary>
public enum ContainerPortStatus
{
    /// <summary>Every link of the chain works.</summary>
    Pass,

    /// <summary>Works or is intended, but worth a look (published to the whole network, exposed only, silent service).</summary>
    Warn,

    /// <summary>A link is broken; the finding names it.</summary>
    Fail,
}

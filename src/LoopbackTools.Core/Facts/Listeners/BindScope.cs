using LoopbackTools.Addressing;

namespace LoopbackTools;

/// <summary>Where a listener accepts connections from, derived from <see cref="AddressClassifier"/>.</summary>
public enum BindScope
{
    /// <summary>127.0.0.0/8, ::1 or ::ffff:127.x.y.z: this machine (or namespace) only.</summary>
    Loopback,

    /// <summary>0.0.0.0 or ::: every interface, so reachable from other machines.</summary>
    AllInterfaces,

    /// <summary>One specific non-loopback address: reachable wherever that address is routed.</summary>
    Specific,
}

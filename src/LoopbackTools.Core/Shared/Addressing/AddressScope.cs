namespace LoopbackTools;

/// <summary>Who can reach an address: the one classification every cmdlet shares.</summary>
public enum AddressScope
{
    /// <summary>127.0.0.0/8, ::1 or ::ffff:127.x.y.z: this machine only.</summary>
    Loopback,

    /// <summary>0.0.0.0 or :: (or ::ffff:0.0.0.0): every interface.</summary>
    Unspecified,

    /// <summary>Any other address: reachable wherever that address is routed.</summary>
    Specific,
}

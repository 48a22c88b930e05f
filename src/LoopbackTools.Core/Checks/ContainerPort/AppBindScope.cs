namespace LoopbackTools;

/// <summary>Where the app inside the container listens on the checked port.</summary>
public enum AppBindScope
{
    /// <summary>Could not be read (not Linux, not permitted, container not running, not TCP); the finding says why.</summary>
    Unknown,

    /// <summary>Nothing inside listens on the port.</summary>
    NotListening,

    /// <summary>Only the container's own loopback (127.0.0.1 / ::1): unreachable through any published port.</summary>
    Loopback,

    /// <summary>0.0.0.0 or ::: every interface of the container, which is what publishing needs.</summary>
    AllInterfaces,

    /// <summary>A specific address of the container (for example its bridge address).</summary>
    Specific,
}

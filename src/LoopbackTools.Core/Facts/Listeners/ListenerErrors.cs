using System.Globalization;
using System.Net.Sockets;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Listeners;

/// <summary>The listener area's failures, each with a stable ErrorId and a remedy.</summary>
internal static class ListenerErrors
{
    public const string MalformedTableId = "Listeners.MalformedTable";
    public const string ProcessNotFoundId = "Listeners.ProcessNotFound";
    public const string NamespaceUnavailableId = "Listeners.NamespaceUnavailable";
    public const string SystemCallFailedId = "Listeners.SystemCallFailed";
    public const string PlatformNotSupportedId = "Listeners.PlatformNotSupported";
    public const string InvalidPortId = "Listeners.InvalidPort";
    public const string InvalidAddressFamilyId = "Listeners.InvalidAddressFamily";

    /// <summary>0 is a valid filter: an unbound UDP socket shows port 0.</summary>
    public static LoopbackToolsException InvalidPort(int port) => new(
        InvalidPortId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "Port {0} is outside 0-65535.", port),
        "Pass ports between 0 and 65535.",
        port);

    public static LoopbackToolsException InvalidAddressFamily(AddressFamily family) => new(
        InvalidAddressFamilyId,
        ErrorKind.InvalidArgument,
        $"Address family {family} has no listeners.",
        "Use InterNetwork (IPv4) or InterNetworkV6 (IPv6).",
        family);

    public static LoopbackToolsException Malformed(string source, string detail) => new(
        MalformedTableId,
        ErrorKind.InvalidData,
        $"The socket table from {source} is malformed: {detail}.",
        "Report this with your OS version; the data did not match the documented layout.",
        source);

    public static LoopbackToolsException ProcessNotFound(int processId) => new(
        ProcessNotFoundId,
        ErrorKind.ObjectNotFound,
        $"No process with id {processId} exists, so its network namespace cannot be read.",
        "Pass the id of a running process (for a container: docker inspect -f '{{.State.Pid}}' NAME).",
        processId);

    public static LoopbackToolsException NamespaceUnavailable(int processId, string detail) => new(
        NamespaceUnavailableId,
        ErrorKind.PermissionDenied,
        $"The network namespace of process {processId} cannot be read: {detail}.",
        "Run as root (or with CAP_SYS_ADMIN and CAP_SYS_PTRACE) to inspect another process's namespace.",
        processId);

    public static LoopbackToolsException SystemCallFailed(string call, int errno) => new(
        SystemCallFailedId,
        ErrorKind.ResourceUnavailable,
        $"{call} failed with errno {errno}.",
        "Check that the kernel supports it; LoopbackTools falls back to /proc/net where it can.",
        call);

    public static LoopbackToolsException NotSupported(string what) => new(
        PlatformNotSupportedId,
        ErrorKind.NotImplemented,
        $"{what} is not supported on this operating system.",
        "Use Linux, macOS or Windows.",
        what);
}
